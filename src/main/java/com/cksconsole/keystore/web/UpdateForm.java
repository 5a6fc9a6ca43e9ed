package com.cksconsole.keystore.web;

import org.jspecify.annotations.Nullable;

/**
 * An edit form of either store type. Implementations hold secrets and hide them in
 * {@code toString()}.
 */
sealed interface UpdateForm extends java.io.Serializable permits CloudHsmUpdateForm, XksUpdateForm {

    String FINGERPRINT = "fingerprint";

    /** Fingerprint of the store the form was filled from (lost-update protection). */
    @Nullable String fingerprint();

    /**
     * The same input with every secret removed: what may be rendered back into a page.
     */
    UpdateForm withoutSecrets();

}
