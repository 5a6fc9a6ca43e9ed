/**
 * Root of the console: the application class only; every feature lives in its own
 * sub-package.
 */
@NullMarked
package com.cksconsole;

import org.jspecify.annotations.NullMarked;
