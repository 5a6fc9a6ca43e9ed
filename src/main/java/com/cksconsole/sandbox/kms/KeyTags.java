package com.cksconsole.sandbox.kms;

import static com.cksconsole.kms.KmsConstraints.LIMIT_MAX;
import static com.cksconsole.kms.KmsConstraints.LIMIT_MIN;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.KmsField;

/**
 * TagResource, UntagResource and ListResourceTags (KMS API Reference; KMS Developer
 * Guide, "Tags in AWS KMS"): keys and values are case-sensitive, a key has one value, an
 * existing key gets its value replaced, unknown keys are ignored on untag, at most 50
 * tags per key (more: LimitExceededException, unconfirmed).
 */
final class KeyTags {

    private KeyTags() {
    }

    static final class TagResource implements KmsOperation {

        private final RegionTransactions transactions;

        private final KeyRepository keys;

        TagResource(RegionTransactions transactions, KeyRepository keys) {
            this.transactions = transactions;
            this.keys = keys;
        }

        @Override
        public String name() {
            return "TagResource";
        }

        @Override
        public ObjectNode handle(Call call, KmsRequest request) {
            String keyId = DescribeKey.requiredKeyId(request);
            Map<String, String> tags = KeyFields.tags(request, "tags", "Tags");
            new ValidationErrors().required("tags", tags).throwIfAny();
            KeyRegion.inRegion(transactions, keys, call.target(), region -> {
                SandboxKey key = region.resolveIdOrArn(keyId);
                KeyRegion.requireNotPendingDeletion(key);
                Map<String, String> merged = new LinkedHashMap<>(keys.tags(call.target(), key.keyId()));
                merged.putAll(tags);
                KeyFields.requireTagCount(merged.size());
                keys.replaceTags(call.target(), key.keyId(), merged);
                return Boolean.TRUE;
            });
            return KmsOperation.emptyResponse();
        }

    }

    static final class UntagResource implements KmsOperation {

        private final RegionTransactions transactions;

        private final KeyRepository keys;

        UntagResource(RegionTransactions transactions, KeyRepository keys) {
            this.transactions = transactions;
            this.keys = keys;
        }

        @Override
        public String name() {
            return "UntagResource";
        }

        @Override
        public ObjectNode handle(Call call, KmsRequest request) {
            String keyId = DescribeKey.requiredKeyId(request);
            List<String> tagKeys = request.strings("TagKeys");
            var errors = new ValidationErrors().required("tagKeys", tagKeys);
            if (tagKeys != null) {
                for (int i = 0; i < tagKeys.size(); i++) {
                    errors.text("tagKeys." + (i + 1) + ".member", tagKeys.get(i), 1, KeyFields.TAG_KEY_MAX, null);
                }
            }
            errors.throwIfAny();
            KeyRegion.inRegion(transactions, keys, call.target(), region -> {
                SandboxKey key = region.resolveIdOrArn(keyId);
                KeyRegion.requireNotPendingDeletion(key);
                Map<String, String> remaining = new LinkedHashMap<>(keys.tags(call.target(), key.keyId()));
                Objects.requireNonNull(tagKeys).forEach(remaining::remove);
                keys.replaceTags(call.target(), key.keyId(), remaining);
                return Boolean.TRUE;
            });
            return KmsOperation.emptyResponse();
        }

    }

    /**
     * ListResourceTags: Limit 1-50 documented (the model allows 1000; 51-1000 are clamped
     * to 50, unconfirmed), default 50; sorted by tag key.
     */
    static final class ListResourceTags implements KmsOperation {

        private static final int DOCUMENTED_MAX = 50;

        private final RegionTransactions transactions;

        private final KeyRepository keys;

        private final MarkerCodec markers;

        ListResourceTags(RegionTransactions transactions, KeyRepository keys, MarkerCodec markers) {
            this.transactions = transactions;
            this.keys = keys;
            this.markers = markers;
        }

        @Override
        public String name() {
            return "ListResourceTags";
        }

        @Override
        public ObjectNode handle(Call call, KmsRequest request) {
            String keyId = DescribeKey.requiredKeyId(request);
            Integer limit = request.integer("Limit");
            String marker = request.string("Marker");
            new ValidationErrors().range("limit", limit, LIMIT_MIN, LIMIT_MAX)
                .check("marker", KmsField.MARKER, marker)
                .throwIfAny();
            String id = KeyRegion.inRegion(transactions, keys, call.target(),
                    region -> region.resolveIdOrArn(keyId).keyId());
            Map<String, String> tags = KeyRegion.inRegion(transactions, keys, call.target(),
                    region -> keys.tags(call.target(), id));
            // The marker names the key: a marker of another key's tags is invalid here.
            var page = ListPage.of(List.copyOf(tags.entrySet()), Map.Entry::getKey,
                    limit == null ? DOCUMENTED_MAX : Math.min(limit, DOCUMENTED_MAX), marker, markers, call.target(),
                    name() + ":" + id);
            ObjectNode response = KmsOperation.emptyResponse();
            var entries = response.putArray("Tags");
            page.entries()
                .forEach(tag -> entries.addObject().put("TagKey", tag.getKey()).put("TagValue", tag.getValue()));
            return page.finish(response);
        }

    }

}
