/**
 * Sign-in and its throttling, the session rules and the HTTP security policy. The user
 * store it authenticates against is the named interface {@code accounts}, which the
 * {@code users} module administers.
 */
@NullMarked
package com.cksconsole.security;

import org.jspecify.annotations.NullMarked;
