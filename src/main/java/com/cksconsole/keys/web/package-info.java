/**
 * The keys pages of a key store: the Keys tab, creating a key, the round-trip test and
 * the state changes behind their confirmation pages.
 */
@NullMarked
package com.cksconsole.keys.web;

import org.jspecify.annotations.NullMarked;
