/** The signed-in landing page: "/" leads to the key store list. */
@NullMarked
package com.cksconsole.home;

import org.jspecify.annotations.NullMarked;
