/**
 * The KMS keys of custom key stores: which keys each store holds (read with KMS's
 * ListKeys, DescribeKey and ListAliases through the store's target), creating a key in a
 * store, a round-trip test (Encrypt then Decrypt) and the key's state changes, each
 * audited. Other modules use {@link com.cksconsole.keys.KeyInventory} (the keys of a
 * store, and per-store counts).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "approval", "audit", "keystore", "kms", "targets", "session" })
package com.cksconsole.keys;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
