/** Cross-cutting web concerns: error pages and view helpers shared by every feature. */
@NullMarked
package com.cksconsole.web;

import org.jspecify.annotations.NullMarked;
