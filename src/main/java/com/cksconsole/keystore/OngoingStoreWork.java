package com.cksconsole.keystore;

import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;

/**
 * Work another feature runs on a store over time (a credential rotation), so that the
 * store's page can say so and link to it: implemented by that feature, read by the
 * keystore pages (dependency inversion: keystore knows no feature built on it).
 */
public interface OngoingStoreWork {

    /** The work under way on this store now, if any. */
    Optional<Ongoing> on(KeyStoreRef store);

    /**
     * What the store page shows of it.
     *
     * @param title one line ("A credential rotation is under way")
     * @param detail where it stands, and what not to do meanwhile
     * @param path the work's page, from the context root
     * @param linkText the link's words
     */
    record Ongoing(String title, String detail, String path, String linkText) {
    }

}
