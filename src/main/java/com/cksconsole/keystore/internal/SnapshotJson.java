package com.cksconsole.keystore.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;

/**
 * The stores of a shared snapshot as JSON ({@code kms_snapshot.stores_json}), with the
 * member names of the KMS API Reference's CustomKeyStoresListEntry and
 * XksProxyConfigurationType. Holds exactly what DescribeCustomKeyStores returned, which
 * never includes a secret (KMS returns neither the CloudHSM {@code kmsuser} password nor
 * the XKS secret access key; the access key ID is an identifier). Values this version
 * does not know (written by a newer one) read as unknown, as KMS answers do.
 */
final class SnapshotJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SnapshotJson() {
    }

    static String write(List<CustomKeyStore> stores) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (CustomKeyStore store : stores) {
            ObjectNode entry = array.addObject();
            entry.put("CustomKeyStoreId", store.id());
            entry.put("CustomKeyStoreName", store.name());
            putIfPresent(entry, "CustomKeyStoreType", store.type() == null ? null : store.type().name());
            entry.put("ConnectionState", store.connectionState().name());
            putIfPresent(entry, "ConnectionErrorCode", store.connectionErrorCode());
            putIfPresent(entry, "CreationDate", store.creationDate() == null ? null : store.creationDate().toString());
            putIfPresent(entry, "CloudHsmClusterId", store.cloudHsmClusterId());
            putIfPresent(entry, "TrustAnchorCertificate", store.trustAnchorCertificate());
            var xks = store.xksProxy();
            if (xks != null) {
                ObjectNode proxy = entry.putObject("XksProxyConfiguration");
                putIfPresent(proxy, "Connectivity", xks.connectivity() == null ? null : xks.connectivity().name());
                putIfPresent(proxy, "UriEndpoint", xks.uriEndpoint());
                putIfPresent(proxy, "UriPath", xks.uriPath());
                putIfPresent(proxy, "AccessKeyId", xks.accessKeyId());
                putIfPresent(proxy, "VpcEndpointServiceName", xks.vpcEndpointServiceName());
                putIfPresent(proxy, "VpcEndpointServiceOwner", xks.vpcEndpointServiceOwner());
            }
        }
        return JSON.writeValueAsString(array);
    }

    static List<CustomKeyStore> read(String json) {
        var stores = new ArrayList<CustomKeyStore>();
        for (JsonNode entry : JSON.readTree(json)) {
            String created = text(entry, "CreationDate");
            JsonNode proxy = entry.get("XksProxyConfiguration");
            XksProxySettings xks = proxy == null || proxy.isNull() ? null
                    : new XksProxySettings(connectivity(text(proxy, "Connectivity")), text(proxy, "UriEndpoint"),
                            text(proxy, "UriPath"), text(proxy, "AccessKeyId"), text(proxy, "VpcEndpointServiceName"),
                            text(proxy, "VpcEndpointServiceOwner"));
            stores.add(new CustomKeyStore(required(entry, "CustomKeyStoreId"), required(entry, "CustomKeyStoreName"),
                    type(text(entry, "CustomKeyStoreType")), state(text(entry, "ConnectionState")),
                    text(entry, "ConnectionErrorCode"), created == null ? null : Instant.parse(created),
                    text(entry, "CloudHsmClusterId"), text(entry, "TrustAnchorCertificate"), xks));
        }
        return List.copyOf(stores);
    }

    private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String required(JsonNode node, String name) {
        String value = text(node, name);
        if (value == null) {
            throw new IllegalArgumentException("A stored key store has no " + name);
        }
        return value;
    }

    private static @Nullable KeyStoreType type(@Nullable String name) {
        for (KeyStoreType type : KeyStoreType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    private static ConnectionState state(@Nullable String name) {
        for (ConnectionState state : ConnectionState.values()) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return ConnectionState.UNKNOWN;
    }

    private static @Nullable XksConnectivity connectivity(@Nullable String name) {
        for (XksConnectivity connectivity : XksConnectivity.values()) {
            if (connectivity.name().equals(name)) {
                return connectivity;
            }
        }
        return null;
    }

}
