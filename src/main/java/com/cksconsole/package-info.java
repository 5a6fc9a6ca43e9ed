/**
 * Root of the console: the application class and what concerns the jar as a whole (the
 * settings a Spring AOT build is made for, {@code AotBuildSettings}); every feature lives
 * in its own sub-package.
 */
@NullMarked
package com.cksconsole;

import org.jspecify.annotations.NullMarked;
