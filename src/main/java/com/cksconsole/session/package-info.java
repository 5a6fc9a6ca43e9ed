/**
 * What a signed-in session keeps between requests, kept so that any console instance can
 * serve the next request and the database never holds a secret readable on its own:
 * {@link com.cksconsole.session.SessionVault} (values encrypted under a key only the
 * browser holds; one-use tokens used once across instances) and the flash attributes of a
 * redirect, kept through it. Sessions themselves are Spring Session JDBC's
 * (security.SessionStoreConfiguration). Depends on nothing of the console.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package com.cksconsole.session;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
