/** The signed-in landing page. */
@NullMarked
package com.cksconsole.home;

import org.jspecify.annotations.NullMarked;
