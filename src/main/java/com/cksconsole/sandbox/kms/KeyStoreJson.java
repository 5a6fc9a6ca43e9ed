package com.cksconsole.sandbox.kms;

import java.math.BigDecimal;
import java.time.Instant;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.XksConnectivity;

/**
 * A CustomKeyStoresListEntry as KMS writes it; secrets (KeyStorePassword,
 * RawSecretAccessKey) never appear.
 */
final class KeyStoreJson {

    private KeyStoreJson() {
    }

    static ObjectNode entry(SandboxKeyStore store) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("CustomKeyStoreId", store.id());
        entry.put("CustomKeyStoreName", store.name());
        entry.put("CustomKeyStoreType", store.type().name());
        entry.put("ConnectionState", store.connectionState().name());
        if (store.connectionState() == ConnectionState.FAILED && store.connectionErrorCode() != null) {
            entry.put("ConnectionErrorCode", store.connectionErrorCode());
        }
        // Epoch seconds with a fraction, as KMS sends timestamps (e.g. 1740823200.123).
        entry.put("CreationDate", epochSeconds(store.creationDate()));
        if (store.cloudHsm() != null) {
            entry.put("CloudHsmClusterId", store.cloudHsm().clusterId());
            entry.put("TrustAnchorCertificate", store.cloudHsm().trustAnchorCertificate());
        }
        if (store.xks() != null) {
            var xks = store.xks();
            ObjectNode configuration = entry.putObject("XksProxyConfiguration");
            configuration.put("Connectivity", xks.connectivity().name());
            configuration.put("AccessKeyId", xks.accessKeyId());
            configuration.put("UriEndpoint", xks.uriEndpoint());
            configuration.put("UriPath", xks.uriPath());
            if (xks.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE) {
                configuration.put("VpcEndpointServiceName", xks.vpcEndpointServiceName());
                configuration.put("VpcEndpointServiceOwner", xks.vpcEndpointServiceOwner());
            }
        }
        return entry;
    }

    /**
     * A timestamp as KMS sends it: epoch seconds with a fraction (e.g. 1740823200.123).
     */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

}
