package com.cksconsole.health.credentials;

import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;

/**
 * The access key ID KMS currently uses for an external key store
 * ({@code XksProxyConfiguration.AccessKeyId} of DescribeCustomKeyStores), or empty for a
 * store without one.
 */
@FunctionalInterface
interface KmsAccessKeyIds {

    Optional<String> current(KeyStoreRef store);

}
