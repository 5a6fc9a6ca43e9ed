/** The key store module's implementation: nothing here is used outside {@code com.cksconsole.keystore}. */
@NullMarked
package com.cksconsole.keystore.internal;

import org.jspecify.annotations.NullMarked;
