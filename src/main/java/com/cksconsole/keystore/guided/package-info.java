/** Guided changes: disconnect, update and reconnect a key store as one persisted, resumable run. */
@NullMarked
package com.cksconsole.keystore.guided;

import org.jspecify.annotations.NullMarked;
