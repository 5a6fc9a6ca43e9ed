package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * One store for a page.
 *
 * @param snapshot the snapshot it came from, or null when it was described directly
 */
public record KeyStoreView(CustomKeyStore store, @Nullable SnapshotRead snapshot) {
}
