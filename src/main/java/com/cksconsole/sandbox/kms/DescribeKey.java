package com.cksconsole.sandbox.kms;

import static com.cksconsole.kms.KmsConstraints.LIMIT_MAX;
import static com.cksconsole.kms.KmsConstraints.LIMIT_MIN;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.KmsField;

/**
 * DescribeKey and ListKeys (KMS API Reference). DescribeKey accepts every identifier form
 * and works in every key state; it never calls the cluster or the proxy. ListKeys lists
 * every key of the account and Region (also those pending deletion) in creation order.
 */
final class DescribeKey implements KmsOperation {

    private final RegionTransactions transactions;

    private final KeyRepository keys;

    DescribeKey(RegionTransactions transactions, KeyRepository keys) {
        this.transactions = transactions;
        this.keys = keys;
    }

    @Override
    public String name() {
        return "DescribeKey";
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest request) {
        String keyId = requiredKeyId(request);
        request.strings("GrantTokens");
        ObjectNode response = KmsOperation.emptyResponse();
        response.set("KeyMetadata", KeyRegion.inRegion(transactions, keys, call.target(),
                region -> region.metadata(region.resolveAny(keyId))));
        return response;
    }

    /** The required KeyId member (1-2048 characters) of the key operations. */
    static String requiredKeyId(KmsRequest request) {
        String keyId = request.string("KeyId");
        new ValidationErrors().required("keyId", keyId)
            .text("keyId", keyId, KeyFields.KEY_ID_MIN, KeyFields.KEY_ID_MAX, null)
            .throwIfAny();
        return String.valueOf(keyId);
    }

    /** ListKeys: Limit 1-1000, default 100. */
    static final class ListKeys implements KmsOperation {

        private static final int DEFAULT_LIMIT = 100;

        private final RegionTransactions transactions;

        private final KeyRepository keys;

        private final MarkerCodec markers;

        ListKeys(RegionTransactions transactions, KeyRepository keys, MarkerCodec markers) {
            this.transactions = transactions;
            this.keys = keys;
            this.markers = markers;
        }

        @Override
        public String name() {
            return "ListKeys";
        }

        @Override
        public ObjectNode handle(Call call, KmsRequest request) {
            Integer limit = request.integer("Limit");
            String marker = request.string("Marker");
            new ValidationErrors().range("limit", limit, LIMIT_MIN, LIMIT_MAX)
                .check("marker", KmsField.MARKER, marker)
                .throwIfAny();
            var all = KeyRegion.inRegion(transactions, keys, call.target(), KeyRegion::keys);
            var page = ListPage.of(all, key -> ListPage.position(key.creationDate().toEpochMilli(), key.keyId()),
                    limit == null ? DEFAULT_LIMIT : limit, marker, markers, call.target(), name());
            ObjectNode response = KmsOperation.emptyResponse();
            var entries = response.putArray("Keys");
            page.entries().forEach(key -> entries.addObject().put("KeyId", key.keyId()).put("KeyArn", key.arn()));
            return page.finish(response);
        }

    }

}
