package com.cksconsole.keystore.web;

import com.cksconsole.kms.KmsConstraints;

/**
 * The KMS field limits the key store pages' hints quote, as the templates read them
 * ({@code kmsLimits}, added to every key store page by {@link KeyStorePages}): the
 * numbers come from {@link KmsConstraints}, the one definition the forms' constraints use
 * too, so a hint cannot say something else than the check does.
 */
record KmsLimits(int nameMin, int nameMax, int keyStorePasswordMin, int keyStorePasswordMax, int accessKeyIdMin,
        int accessKeyIdMax, int secretAccessKeyMin, int secretAccessKeyMax, int accountIdLength) {

    static final KmsLimits CURRENT = new KmsLimits(KmsConstraints.CUSTOM_KEY_STORE_NAME_MIN,
            KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX, KmsConstraints.KEY_STORE_PASSWORD_MIN,
            KmsConstraints.KEY_STORE_PASSWORD_MAX, KmsConstraints.XKS_ACCESS_KEY_ID_MIN,
            KmsConstraints.XKS_ACCESS_KEY_ID_MAX, KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MIN,
            KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MAX, KmsConstraints.ACCOUNT_ID_MAX);

}
