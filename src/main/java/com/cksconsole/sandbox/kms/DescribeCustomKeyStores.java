package com.cksconsole.sandbox.kms;

import static com.cksconsole.kms.KmsConstraints.LIMIT_MAX;
import static com.cksconsole.kms.KmsConstraints.LIMIT_MIN;

import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.KmsField;

/**
 * DescribeCustomKeyStores (KMS API Reference, DescribeCustomKeyStores): all stores of the
 * Region in creation order, or the one named by CustomKeyStoreId or CustomKeyStoreName;
 * pages of {@code Limit} (default: the configured page size) with an opaque
 * {@code NextMarker}. {@code Truncated} is always present.
 */
final class DescribeCustomKeyStores implements KmsOperation {

    private final RegionTransactions transactions;

    private final MarkerCodec markers;

    private final int defaultPageSize;

    DescribeCustomKeyStores(RegionTransactions transactions, MarkerCodec markers, int defaultPageSize) {
        this.transactions = transactions;
        this.markers = markers;
        this.defaultPageSize = defaultPageSize;
    }

    @Override
    public String name() {
        return "DescribeCustomKeyStores";
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        String id = request.string("CustomKeyStoreId");
        String name = request.string("CustomKeyStoreName");
        Integer limit = request.integer("Limit");
        String marker = request.string("Marker");
        new ValidationErrors().check("customKeyStoreId", KmsField.CUSTOM_KEY_STORE_ID, id)
            .check("customKeyStoreName", KmsField.CUSTOM_KEY_STORE_NAME, name)
            .range("limit", limit, LIMIT_MIN, LIMIT_MAX)
            .check("marker", KmsField.MARKER, marker)
            .throwIfAny();
        if (id != null && name != null) {
            // AWS documents "either, but not both"; its error is unconfirmed:
            // ValidationException chosen.
            throw KmsError.validation("Specify either CustomKeyStoreId or CustomKeyStoreName, not both.");
        }
        var position = marker == null ? null : markers.decode(call.target(), marker);
        List<SandboxKeyStore> stores = transactions.read(call.target()).stores();
        if (id != null) {
            stores = stores.stream().filter(store -> store.id().equals(id)).toList();
            if (stores.isEmpty()) {
                throw KmsError.notFound(id);
            }
        }
        else if (name != null) {
            stores = stores.stream().filter(store -> store.name().equals(name)).toList();
            if (stores.isEmpty()) {
                throw KmsError.of("CustomKeyStoreNotFoundException",
                        "No custom key store named '" + name + "' exists in this account and Region.");
            }
        }
        if (position != null) {
            stores = stores.stream().filter(position::isBefore).toList();
        }
        int pageSize = limit == null ? defaultPageSize : limit;
        boolean truncated = stores.size() > pageSize;
        List<SandboxKeyStore> page = truncated ? stores.subList(0, pageSize) : stores;
        ObjectNode response = KmsOperation.emptyResponse();
        ArrayNode entries = response.putArray("CustomKeyStores");
        page.forEach(store -> entries.add(KeyStoreJson.entry(store)));
        if (truncated) {
            response.put("NextMarker", markers.encode(call.target(), page.get(page.size() - 1)));
        }
        response.put("Truncated", truncated);
        return response;
    }

}
