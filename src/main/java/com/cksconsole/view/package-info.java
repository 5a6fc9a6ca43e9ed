/**
 * View helpers every feature's pages share; depends on no console package, so that any
 * feature may use it: text others chose shown as it really is ({@code #visibleText} in
 * templates), links that carry a search.
 */
@NullMarked
package com.cksconsole.view;

import org.jspecify.annotations.NullMarked;
