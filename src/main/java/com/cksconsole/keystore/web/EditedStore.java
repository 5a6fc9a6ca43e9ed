package com.cksconsole.keystore.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreService;

/**
 * Loads the key store of {@code /key-stores/{id}/edit/...} into the model as {@value #STORE}, from the shared
 * snapshot, before the edit and import handlers run: they take it as
 * {@code @ModelAttribute(name = EditedStore.STORE, binding = false) CustomKeyStore store}. An unknown ID ends
 * here, as the 404 page of {@link KeyStorePages}.
 *
 * <p>Scoped to controllers every handler of which needs the store: a model attribute method runs before every
 * handler in its scope, so a handler that must not read the snapshot (cancelling an edit asks KMS nothing) lives
 * elsewhere. The role is checked here too, since this runs before the controllers' own {@code @PreAuthorize}: a
 * VIEWER is refused before anything is read, as before.
 */
@ControllerAdvice(assignableTypes = {KeyStoreEditController.class, XksImportController.class})
class EditedStore {

    static final String STORE = "store";

    private final KeyStoreService service;

    EditedStore(KeyStoreService service) {
        this.service = service;
    }

    @ModelAttribute(STORE)
    @PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
    CustomKeyStore store(@PathVariable String id) {
        return service.find(id).store();
    }
}
