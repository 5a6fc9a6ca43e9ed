/**
 * The single-sign-on tests' own OpenID provider ({@link testidp.TestIdentityProvider})
 * and browser-like client ({@link testidp.OidcBrowser}). A top-level package on purpose:
 * the console's component scan of {@code com.cksconsole} must never pick up the identity
 * provider's configuration.
 */
@NullMarked
package testidp;

import org.jspecify.annotations.NullMarked;
