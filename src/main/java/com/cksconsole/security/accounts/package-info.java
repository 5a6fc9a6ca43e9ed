/**
 * The console's user store, as sign-in needs it and as user administration changes it:
 * the accounts and their roles ({@code console_user}), the password rules and the
 * password hashes. Exposed to other modules (the {@code users} module administers
 * accounts) as the named interface {@code accounts}; the rest of {@code security} (the
 * HTTP policy, sign-in, throttling, session rules) stays internal.
 */
@NullMarked
@NamedInterface("accounts")
package com.cksconsole.security.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
