package com.cksconsole.keystore.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;

/**
 * The base of the controllers of {@code /key-stores/{id}/edit/...}: loads the key store
 * into the model as {@value #STORE}, from the shared snapshot, before each of their
 * handlers runs; a handler takes it as
 * {@code @ModelAttribute(name = STORE, binding = false) CustomKeyStore store}. An unknown
 * ID ends here, as the 404 page of {@link KeyStorePages}.
 *
 * <p>
 * A model attribute method runs before every handler of its controller, so only
 * controllers every handler of which needs the store extend this; a handler that must not
 * read the snapshot (cancelling an edit asks KMS nothing) lives elsewhere
 * ({@link LeaveWithoutChangeController}). A base class rather than an advice, so that
 * other features' slice tests need no {@link KeyStoreReads}. The role is checked on the
 * loader too, so that a VIEWER is refused before anything is read.
 */
abstract class EditedStoreController {

    static final String STORE = "store";

    final KeyStoreReads reads;

    EditedStoreController(KeyStoreReads reads) {
        this.reads = reads;
    }

    @ModelAttribute(STORE)
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    CustomKeyStore store(KeyStoreRef ref) {
        return reads.find(ref).store();
    }

}
