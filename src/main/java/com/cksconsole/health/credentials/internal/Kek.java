package com.cksconsole.health.credentials.internal;

/**
 * A key-encryption key: an AES-256 key from configuration ({@link KeyEncryptionKey}) or a
 * KMS key ({@link KmsKeyEncryptionKey}). Its ID is stored with each row, so that a
 * rotation knows which rows are still under an older one.
 */
public sealed interface Kek permits KeyEncryptionKey, KmsKeyEncryptionKey {

    String id();

}
