package com.cksconsole.keys.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

import com.cksconsole.keys.KmsKey;
import com.cksconsole.keystore.TargetKmsCalls;
import com.cksconsole.kms.KmsTarget;

/**
 * Reads the keys of every custom key store of one target: ListKeys and ListAliases with
 * the SDK's paginators (KMS API Reference, ListKeys and ListAliases: Limit/Marker/
 * Truncated), and DescribeKey per key, since only KeyMetadata names the key's
 * CustomKeyStoreId. Keys outside custom key stores are dropped.
 */
@Component
public class KeyReader {

    private final TargetKmsCalls kms;

    KeyReader(TargetKmsCalls kms) {
        this.kms = kms;
    }

    /**
     * The keys of the target's custom key stores, by store ID, newest first.
     * @throws com.cksconsole.keystore.KmsCallException a call failed
     */
    public Map<String, List<KmsKey>> read(KmsTarget target) {
        List<String> keyIds = kms.call("ListKeys", target,
                client -> client.listKeysPaginator(r -> r.limit(100))
                    .keys()
                    .stream()
                    .map(KeyListEntry::keyId)
                    .toList());
        Map<String, TreeSet<String>> aliases = new HashMap<>();
        List<AliasListEntry> entries = kms.call("ListAliases", target,
                client -> client.listAliasesPaginator(r -> r.limit(100)).aliases().stream().toList());
        for (AliasListEntry alias : entries) {
            if (alias.targetKeyId() != null) {
                aliases.computeIfAbsent(alias.targetKeyId(), id -> new TreeSet<>()).add(alias.aliasName());
            }
        }
        List<KmsKey> keys = new ArrayList<>();
        for (String keyId : keyIds) {
            KeyMetadata metadata = kms.call("DescribeKey", target, client -> {
                try {
                    return client.describeKey(r -> r.keyId(keyId)).keyMetadata();
                }
                catch (NotFoundException deletedMeanwhile) {
                    return null;
                }
            });
            if (metadata != null && metadata.customKeyStoreId() != null) {
                keys.add(toKey(metadata, List.copyOf(aliases.getOrDefault(keyId, new TreeSet<>()))));
            }
        }
        keys.sort(Comparator.comparing(KmsKey::creationDate, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(KmsKey::keyId));
        Map<String, List<KmsKey>> byStore = new LinkedHashMap<>();
        for (KmsKey key : keys) {
            byStore.computeIfAbsent(key.customKeyStoreId(), id -> new ArrayList<>()).add(key);
        }
        return byStore;
    }

    static KmsKey toKey(KeyMetadata metadata, List<String> aliases) {
        return new KmsKey(metadata.keyId(), metadata.arn(), aliases,
                metadata.description() == null ? "" : metadata.description(), metadata.keyStateAsString(),
                metadata.creationDate(), metadata.deletionDate(), metadata.originAsString(),
                metadata.customKeyStoreId(),
                metadata.xksKeyConfiguration() == null ? null : metadata.xksKeyConfiguration().id(),
                metadata.cloudHsmClusterId());
    }

}
