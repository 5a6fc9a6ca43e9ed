package com.cksconsole.sandbox.kms;

import static com.cksconsole.kms.KmsConstraints.LIMIT_MAX;
import static com.cksconsole.kms.KmsConstraints.LIMIT_MIN;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.KmsField;
import com.cksconsole.sandbox.kms.KeyRepository.Alias;

/**
 * CreateAlias, DeleteAlias and ListAliases (KMS API Reference; KMS Developer Guide,
 * "Managing aliases"): names begin with {@code alias/}, {@code alias/aws/} is reserved
 * for AWS managed keys, names are case-sensitive and unique per account and Region. The
 * sandbox has no AWS managed keys, so it lists no {@code alias/aws/} aliases.
 */
final class KeyAliases {

    private static final String PREFIX = "alias/";

    private static final String RESERVED_PREFIX = "alias/aws/";

    private KeyAliases() {
    }

    /**
     * Length as a ValidationException; prefix and pattern as InvalidAliasNameException.
     */
    static String aliasName(KmsRequest request) {
        String aliasName = request.string("AliasName");
        new ValidationErrors().required("aliasName", aliasName)
            .text("aliasName", aliasName, 1, KeyFields.ALIAS_NAME_MAX, null)
            .throwIfAny();
        String name = String.valueOf(aliasName);
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()
                || !name.matches(KeyFields.ALIAS_NAME_PATTERN)) {
            throw KmsError.of("InvalidAliasNameException", "Alias must start with the prefix \"alias/\" and contain "
                    + "only alphanumeric characters, forward slashes (/), underscores (_), colons (:) and dashes (-).");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            throw KmsError.of("InvalidAliasNameException",
                    "Alias must not begin with \"alias/aws/\": that prefix is reserved for AWS managed keys.");
        }
        return name;
    }

    static final class CreateAlias implements KmsOperation {

        private final RegionTransactions transactions;

        private final KeyRepository keys;

        CreateAlias(RegionTransactions transactions, KeyRepository keys) {
            this.transactions = transactions;
            this.keys = keys;
        }

        @Override
        public String name() {
            return "CreateAlias";
        }

        @Override
        public ObjectNode handle(Call call, KmsRequest request) {
            String target = request.string("TargetKeyId");
            new ValidationErrors().required("targetKeyId", target)
                .text("targetKeyId", target, KeyFields.KEY_ID_MIN, KeyFields.KEY_ID_MAX, null)
                .throwIfAny();
            String aliasName = aliasName(request);
            KeyRegion.inRegion(transactions, keys, call.target(), region -> {
                SandboxKey key = region.resolveIdOrArn(String.valueOf(target));
                KeyRegion.requireNotPendingDeletion(key);
                if (keys.alias(call.target(), aliasName).isPresent()) {
                    throw KmsError.withStatus("AlreadyExistsException", 409,
                            "An alias with the name " + region.aliasArn(aliasName) + " already exists");
                }
                long aliasesOfKey = keys.aliases(call.target())
                    .stream()
                    .filter(alias -> alias.keyId().equals(key.keyId()))
                    .count();
                if (aliasesOfKey >= KeyFields.ALIASES_PER_KEY) {
                    throw KmsError.of("LimitExceededException",
                            key.arn() + " already has " + KeyFields.ALIASES_PER_KEY + " aliases.");
                }
                var now = region.stores().now();
                keys.insertAlias(call.target(), new Alias(aliasName, key.keyId(), now, now));
                return Boolean.TRUE;
            });
            return KmsOperation.emptyResponse();
        }

    }

    static final class DeleteAlias implements KmsOperation {

        private final RegionTransactions transactions;

        private final KeyRepository keys;

        DeleteAlias(RegionTransactions transactions, KeyRepository keys) {
            this.transactions = transactions;
            this.keys = keys;
        }

        @Override
        public String name() {
            return "DeleteAlias";
        }

        @Override
        public ObjectNode handle(Call call, KmsRequest request) {
            String aliasName = aliasName(request);
            KeyRegion.inRegion(transactions, keys, call.target(), region -> {
                if (keys.alias(call.target(), aliasName).isEmpty()) {
                    throw KeyRegion.aliasNotFound(region.aliasArn(aliasName));
                }
                keys.deleteAlias(call.target(), aliasName);
                return Boolean.TRUE;
            });
            return KmsOperation.emptyResponse();
        }

    }

    /**
     * ListAliases: Limit 1-100 documented (the model allows 1000; 101-1000 are clamped to
     * 100, unconfirmed), default 50.
     */
    static final class ListAliases implements KmsOperation {

        private static final int DEFAULT_LIMIT = 50;

        private static final int DOCUMENTED_MAX = 100;

        private final RegionTransactions transactions;

        private final KeyRepository keys;

        private final MarkerCodec markers;

        ListAliases(RegionTransactions transactions, KeyRepository keys, MarkerCodec markers) {
            this.transactions = transactions;
            this.keys = keys;
            this.markers = markers;
        }

        @Override
        public String name() {
            return "ListAliases";
        }

        @Override
        public ObjectNode handle(Call call, KmsRequest request) {
            String keyId = request.string("KeyId");
            Integer limit = request.integer("Limit");
            String marker = request.string("Marker");
            new ValidationErrors().text("keyId", keyId, KeyFields.KEY_ID_MIN, KeyFields.KEY_ID_MAX, null)
                .range("limit", limit, LIMIT_MIN, LIMIT_MAX)
                .check("marker", KmsField.MARKER, marker)
                .throwIfAny();
            var all = KeyRegion.inRegion(transactions, keys, call.target(), region -> {
                var aliases = keys.aliases(call.target());
                if (keyId == null) {
                    return aliases;
                }
                String id = region.resolveIdOrArn(keyId).keyId();
                return aliases.stream().filter(alias -> alias.keyId().equals(id)).toList();
            });
            int pageSize = limit == null ? DEFAULT_LIMIT : Math.min(limit, DOCUMENTED_MAX);
            var page = ListPage.of(all,
                    alias -> ListPage.position(alias.creationDate().toEpochMilli(), alias.aliasName()), pageSize,
                    marker, markers, call.target(), name());
            ObjectNode response = KmsOperation.emptyResponse();
            var entries = response.putArray("Aliases");
            String arnPrefix = "arn:aws:kms:" + call.target().region() + ":" + call.target().accountId() + ":";
            page.entries()
                .forEach(alias -> entries.addObject()
                    .put("AliasName", alias.aliasName())
                    .put("AliasArn", arnPrefix + alias.aliasName())
                    .put("TargetKeyId", alias.keyId())
                    .put("CreationDate", KeyStoreJson.epochSeconds(alias.creationDate()))
                    .put("LastUpdatedDate", KeyStoreJson.epochSeconds(alias.lastUpdatedDate())));
            return page.finish(response);
        }

    }

}
