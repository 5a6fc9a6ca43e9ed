package com.cksconsole.keystore.web;

import java.time.Duration;
import java.time.Instant;

import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
import software.amazon.awssdk.services.kms.model.XksProxyUriUnreachableException;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;

/**
 * Creates a DISCONNECTED public external key store to delete in a test (on the sandbox
 * proxy's /tenant-b prefix, which no seeded store of the default target uses), through
 * the application's own KmsClient, and drops the console's snapshot so that its pages
 * know it.
 */
final class DeletableStores {

    private DeletableStores() {
    }

    static String create(ApplicationContext context, String name) {
        var kms = KeyStoreServices.defaultClient(context);
        // CreateCustomKeyStore calls the sandbox proxy within KMS's 250 ms budget: on a
        // busy test machine the first call can miss it, so retry until a deadline.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try {
                String id = kms
                    .createCustomKeyStore(r -> r.customKeyStoreName(name)
                        .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                        .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                        .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                        .xksProxyUriPath("/tenant-b/kms/xks/v1")
                        .xksProxyAuthenticationCredential(c -> c.accessKeyId(SeededKeyStores.TENANT_B_KEY)
                            .rawSecretAccessKey(SeededKeyStores.TENANT_B_SECRET)))
                    .customKeyStoreId();
                context.getBean(KeyStoreReads.class).forgetSnapshot();
                return id;
            }
            catch (XksProxyUriUnreachableException slow) {
                if (Instant.now().isAfter(deadline)) {
                    throw slow;
                }
            }
        }
    }

}
