/**
 * Guided changes: disconnect, update and reconnect a key store as one persisted,
 * resumable run. Exposed to other modules (the overview lists running and stuck runs) as
 * the named interface {@code guided}.
 */
@NullMarked
@NamedInterface("guided")
package com.cksconsole.keystore.guided;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
