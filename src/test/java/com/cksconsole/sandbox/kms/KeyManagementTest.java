package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Aliases, key state changes, descriptions, tags and the list operations of KMS keys in
 * custom key stores, through the real SDK and its paginators (KMS API Reference,
 * CreateAlias, DeleteAlias, ListAliases, ListKeys, EnableKey, DisableKey,
 * ScheduleKeyDeletion, CancelKeyDeletion, UpdateKeyDescription, TagResource,
 * UntagResource, ListResourceTags).
 */
class KeyManagementTest extends SandboxKmsTestSupport {

    private String key() {
        return cloudHsmKey(connectedCloudHsm("m-store"));
    }

    private KeyState state(String key) {
        return kms.describeKey(b -> b.keyId(key)).keyMetadata().keyState();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().tagKey(key).tagValue(value).build();
    }

    // --- aliases

    @Test
    void anAliasNamesItsKeyAndIsListedWithItsArn() {
        String key = key();

        kms.createAlias(b -> b.aliasName("alias/payroll").targetKeyId(key));

        var aliases = kms.listAliases(b -> b.keyId(key)).aliases();
        assertThat(aliases).singleElement().satisfies(alias -> {
            assertThat(alias.aliasName()).isEqualTo("alias/payroll");
            assertThat(alias.aliasArn()).isEqualTo("arn:aws:kms:" + region + ":" + ACCOUNT + ":alias/payroll");
            assertThat(alias.targetKeyId()).isEqualTo(key);
            assertThat(alias.creationDate()).isNotNull();
            assertThat(alias.lastUpdatedDate()).isNotNull();
        });
    }

    @Test
    void anAliasNameIsTakenOncePerAccountAndRegionButIsCaseSensitive() {
        String key = key();
        kms.createAlias(b -> b.aliasName("alias/Payroll").targetKeyId(key));

        kmsError(() -> kms.createAlias(b -> b.aliasName("alias/Payroll").targetKeyId(key)), "AlreadyExistsException",
                409);
        kms.createAlias(b -> b.aliasName("alias/payroll").targetKeyId(key));
        assertThat(kms.listAliases(b -> b.keyId(key)).aliases()).hasSize(2);
    }

    @Test
    void aliasNamesBeginWithAliasSlashAndUseTheAllowedCharacters() {
        String key = key();

        kmsError(() -> kms.createAlias(b -> b.aliasName("payroll").targetKeyId(key)), "InvalidAliasNameException");
        kmsError(() -> kms.createAlias(b -> b.aliasName("alias/pay roll").targetKeyId(key)),
                "InvalidAliasNameException");
        kmsError(() -> kms.createAlias(b -> b.aliasName("alias/").targetKeyId(key)), "InvalidAliasNameException");
        kms.createAlias(b -> b.aliasName("alias/a:b/c_d-e").targetKeyId(key));
    }

    @Test
    void aliasesUnderAliasAwsAreReserved() {
        String key = key();

        kmsError(() -> kms.createAlias(b -> b.aliasName("alias/aws/s3").targetKeyId(key)), "InvalidAliasNameException");
        kmsError(() -> kms.deleteAlias(b -> b.aliasName("alias/aws/s3")), "InvalidAliasNameException");
    }

    @Test
    void anAliasNameMayHave256CharactersButNotMore() {
        String key = key();
        String longest = "alias/" + "a".repeat(250);

        kms.createAlias(b -> b.aliasName(longest).targetKeyId(key));
        kmsError(() -> kms.createAlias(b -> b.aliasName(longest + "b").targetKeyId(key)), "ValidationException");
    }

    @Test
    void anAliasNeedsAnExistingTargetNamedByIdOrArn() {
        String key = key();
        kms.createAlias(b -> b.aliasName("alias/first").targetKeyId(key));

        kmsError(() -> kms.createAlias(b -> b.aliasName("alias/x").targetKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")),
                "NotFoundException", 404);
        kmsError(() -> kms.createAlias(b -> b.aliasName("alias/x").targetKeyId("alias/first")), "NotFoundException",
                404);
        kms.createAlias(
                b -> b.aliasName("alias/by-arn").targetKeyId("arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + key));
    }

    @Test
    void aKeyPendingDeletionGetsNoAlias() {
        String key = key();
        kms.scheduleKeyDeletion(b -> b.keyId(key));

        kmsError(() -> kms.createAlias(b -> b.aliasName("alias/late").targetKeyId(key)), "KMSInvalidStateException",
                409);
    }

    @Test
    void aDeletedAliasIsGoneAndAnUnknownOneIsNotFound() {
        String key = key();
        kms.createAlias(b -> b.aliasName("alias/temporary").targetKeyId(key));

        kms.deleteAlias(b -> b.aliasName("alias/temporary"));

        assertThat(kms.listAliases(b -> b.keyId(key)).aliases()).isEmpty();
        kmsError(() -> kms.deleteAlias(b -> b.aliasName("alias/temporary")), "NotFoundException", 404);
    }

    @Test
    void theAliasPaginatorWalksEveryPageInCreationOrder() {
        String key = key();
        for (int i = 0; i < 5; i++) {
            String name = "alias/page-" + i;
            kms.createAlias(b -> b.aliasName(name).targetKeyId(key));
        }

        List<String> names = kms.listAliasesPaginator(b -> b.limit(2))
            .aliases()
            .stream()
            .map(AliasListEntry::aliasName)
            .toList();

        assertThat(names).containsExactly("alias/page-0", "alias/page-1", "alias/page-2", "alias/page-3",
                "alias/page-4");
        assertThat(kms.listAliases(b -> b.limit(2)).truncated()).isTrue();
    }

    @Test
    void listAliasesTakesALimitFrom1To1000AndAnUnknownKeyIsNotFound() {
        key();

        kmsError(() -> kms.listAliases(b -> b.limit(0)), "ValidationException");
        kmsError(() -> kms.listAliases(b -> b.limit(1001)), "ValidationException");
        assertThat(kms.listAliases(b -> b.limit(1000)).truncated()).isFalse();
        kmsError(() -> kms.listAliases(b -> b.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")), "NotFoundException", 404);
        kmsError(() -> kms.listAliases(b -> b.marker("forged")), "InvalidMarkerException");
    }

    // --- ListKeys

    @Test
    void theKeyPaginatorListsEveryKeyOfTheRegionInCreationOrder() {
        String store = connectedCloudHsm("m-list");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(cloudHsmKey(store));
        }
        kms.scheduleKeyDeletion(b -> b.keyId(created.get(2)));

        List<KeyListEntry> listed = kms.listKeysPaginator(b -> b.limit(2)).keys().stream().toList();

        assertThat(listed).extracting(KeyListEntry::keyId).containsExactlyElementsOf(created);
        assertThat(listed.get(0).keyArn())
            .isEqualTo("arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + created.get(0));
        var firstPage = kms.listKeys(b -> b.limit(2));
        assertThat(firstPage.truncated()).isTrue();
        assertThat(firstPage.nextMarker()).isNotBlank();
    }

    @Test
    void listKeysTakesALimitFrom1To1000() {
        key();

        kmsError(() -> kms.listKeys(b -> b.limit(0)), "ValidationException");
        kmsError(() -> kms.listKeys(b -> b.limit(1001)), "ValidationException");
        assertThat(kms.listKeys(b -> b.limit(1)).keys()).hasSize(1);
        assertThat(kms.listKeys(b -> b.limit(1000)).truncated()).isFalse();
    }

    @Test
    void aMarkerOfAnotherListIsInvalid() {
        String key = key();
        kms.createAlias(b -> b.aliasName("alias/one").targetKeyId(key));
        kms.createAlias(b -> b.aliasName("alias/two").targetKeyId(key));
        String aliasMarker = kms.listAliases(b -> b.limit(1)).nextMarker();

        kmsError(() -> kms.listKeys(b -> b.marker(aliasMarker)), "InvalidMarkerException");
    }

    // --- states

    @Test
    void disableAndEnableSwitchTheState() {
        String key = key();

        kms.disableKey(b -> b.keyId(key));
        assertThat(state(key)).isEqualTo(KeyState.DISABLED);
        assertThat(kms.describeKey(b -> b.keyId(key)).keyMetadata().enabled()).isFalse();
        kms.disableKey(b -> b.keyId(key));
        kms.enableKey(b -> b.keyId(key));
        assertThat(state(key)).isEqualTo(KeyState.ENABLED);
        kms.enableKey(b -> b.keyId(key));
        assertThat(state(key)).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void enableAndDisableTakeAKeyIdOrArnButNoAlias() {
        String key = key();
        kms.createAlias(b -> b.aliasName("alias/state").targetKeyId(key));

        kmsError(() -> kms.disableKey(b -> b.keyId("alias/state")), "NotFoundException", 404);
        kms.disableKey(b -> b.keyId("arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + key));
        assertThat(state(key)).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void scheduleKeyDeletionTakesAWindowOf7To30DaysAndDefaultsTo30() {
        String store = connectedCloudHsm("m-window");
        String key6 = cloudHsmKey(store);
        String key7 = cloudHsmKey(store);
        String key30 = cloudHsmKey(store);
        String keyDefault = cloudHsmKey(store);
        Instant now = Instant.now();

        kmsError(() -> kms.scheduleKeyDeletion(b -> b.keyId(key6).pendingWindowInDays(6)), "ValidationException");
        kmsError(() -> kms.scheduleKeyDeletion(b -> b.keyId(key6).pendingWindowInDays(31)), "ValidationException");
        var seven = kms.scheduleKeyDeletion(b -> b.keyId(key7).pendingWindowInDays(7));
        var thirty = kms.scheduleKeyDeletion(b -> b.keyId(key30).pendingWindowInDays(30));
        var byDefault = kms.scheduleKeyDeletion(b -> b.keyId(keyDefault));

        assertThat(state(key6)).isEqualTo(KeyState.ENABLED);
        assertThat(seven.keyId()).isEqualTo("arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + key7);
        assertThat(seven.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(seven.pendingWindowInDays()).isEqualTo(7);
        assertThat(Duration.between(now, seven.deletionDate())).isBetween(Duration.ofDays(7).minusMinutes(1),
                Duration.ofDays(7).plusMinutes(1));
        assertThat(thirty.pendingWindowInDays()).isEqualTo(30);
        assertThat(byDefault.pendingWindowInDays()).isEqualTo(30);
        assertThat(kms.describeKey(b -> b.keyId(key7)).keyMetadata().deletionDate()).isEqualTo(seven.deletionDate());
    }

    @Test
    void aKeyPendingDeletionCannotBeScheduledAgainEnabledDisabledOrRedescribed() {
        String key = key();
        String arn = kms.scheduleKeyDeletion(b -> b.keyId(key)).keyId();

        var error = kmsError(() -> kms.scheduleKeyDeletion(b -> b.keyId(key)), "KMSInvalidStateException", 409);
        assertThat(message(error)).isEqualTo(arn + " is pending deletion.");
        kmsError(() -> kms.enableKey(b -> b.keyId(key)), "KMSInvalidStateException", 409);
        kmsError(() -> kms.disableKey(b -> b.keyId(key)), "KMSInvalidStateException", 409);
        kmsError(() -> kms.updateKeyDescription(b -> b.keyId(key).description("x")), "KMSInvalidStateException", 409);
        assertThat(state(key)).isEqualTo(KeyState.PENDING_DELETION);
    }

    @Test
    void cancelKeyDeletionLeavesTheKeyDisabled() {
        String key = key();
        kms.scheduleKeyDeletion(b -> b.keyId(key));

        String arn = kms.cancelKeyDeletion(b -> b.keyId(key)).keyId();

        assertThat(arn).endsWith(":key/" + key);
        var metadata = kms.describeKey(b -> b.keyId(key)).keyMetadata();
        assertThat(metadata.keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(metadata.deletionDate()).isNull();
        var error = kmsError(() -> kms.cancelKeyDeletion(b -> b.keyId(key)), "KMSInvalidStateException", 409);
        assertThat(message(error)).isEqualTo(arn + " is not pending deletion.");
    }

    @Test
    void aDescriptionMayHave8192CharactersButNotMore() {
        String key = key();

        kms.updateKeyDescription(b -> b.keyId(key).description("d".repeat(8192)));
        assertThat(kms.describeKey(b -> b.keyId(key)).keyMetadata().description()).hasSize(8192);
        kmsError(() -> kms.updateKeyDescription(b -> b.keyId(key).description("d".repeat(8193))),
                "ValidationException");
        kms.updateKeyDescription(b -> b.keyId(key).description(""));
        assertThat(kms.describeKey(b -> b.keyId(key)).keyMetadata().description()).isEmpty();
    }

    // --- tags

    @Test
    void tagsAreAddedReplacedRemovedAndListedByKey() {
        String key = key();

        kms.tagResource(b -> b.keyId(key).tags(tag("team", "payments"), tag("Env", "prod"), tag("cost", "")));
        kms.tagResource(b -> b.keyId(key).tags(tag("team", "finance")));
        kms.untagResource(b -> b.keyId(key).tagKeys("cost", "not-there"));

        assertThat(kms.listResourceTags(b -> b.keyId(key)).tags()).containsExactly(tag("Env", "prod"),
                tag("team", "finance"));
    }

    @Test
    void aKeyHoldsAt50Tags() {
        String key = key();
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(tag(String.format("k%02d", i), "v"));
        }
        kms.tagResource(b -> b.keyId(key).tags(fifty));

        kms.tagResource(b -> b.keyId(key).tags(tag("k00", "replaced")));
        kmsError(() -> kms.tagResource(b -> b.keyId(key).tags(tag("one-more", "v"))), "LimitExceededException");
        assertThat(kms.listResourceTagsPaginator(b -> b.keyId(key).limit(7)).tags()).hasSize(50)
            .contains(tag("k00", "replaced"));
    }

    @Test
    void tagKeysHave1To128CharactersAndValuesUpTo256() {
        String key = key();

        kms.tagResource(b -> b.keyId(key).tags(tag("k".repeat(128), "v".repeat(256))));
        kmsError(() -> kms.tagResource(b -> b.keyId(key).tags(tag("k".repeat(129), "v"))), "ValidationException");
        kmsError(() -> kms.tagResource(b -> b.keyId(key).tags(tag("k", "v".repeat(257)))), "ValidationException");
        kmsError(() -> kms.tagResource(b -> b.keyId(key).tags(tag("", "v"))), "ValidationException");
        kmsError(() -> kms.tagResource(b -> b.keyId(key).tags(tag("aws:team", "v"))), "TagException");
    }

    @Test
    void aKeyPendingDeletionIsNotTaggedButItsTagsAreListed() {
        String key = key();
        kms.tagResource(b -> b.keyId(key).tags(tag("team", "a")));
        kms.scheduleKeyDeletion(b -> b.keyId(key));

        kmsError(() -> kms.tagResource(b -> b.keyId(key).tags(tag("team", "b"))), "KMSInvalidStateException", 409);
        kmsError(() -> kms.untagResource(b -> b.keyId(key).tagKeys("team")), "KMSInvalidStateException", 409);
        assertThat(kms.listResourceTags(b -> b.keyId(key)).tags()).containsExactly(tag("team", "a"));
    }

    @Test
    void listResourceTagsPagesAtMost50AndRefusesALimitOver1000() {
        String key = key();
        kms.tagResource(b -> b.keyId(key).tags(tag("a", "1"), tag("b", "2"), tag("c", "3")));

        var first = kms.listResourceTags(b -> b.keyId(key).limit(2));
        assertThat(first.tags()).containsExactly(tag("a", "1"), tag("b", "2"));
        assertThat(first.truncated()).isTrue();
        assertThat(kms.listResourceTags(b -> b.keyId(key).marker(first.nextMarker())).tags())
            .containsExactly(tag("c", "3"));
        kmsError(() -> kms.listResourceTags(b -> b.keyId(key).limit(0)), "ValidationException");
        kmsError(() -> kms.listResourceTags(b -> b.keyId(key).limit(1001)), "ValidationException");
    }

    // --- the store

    @Test
    void aStoreWithAKeyPendingDeletionCannotBeDeleted() {
        String store = connectedCloudHsm("m-has-keys");
        String key = cloudHsmKey(store);
        kms.scheduleKeyDeletion(b -> b.keyId(key).pendingWindowInDays(7));
        disconnectAndAwait(store);

        var error = kmsError(() -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId(store)),
                "CustomKeyStoreHasCMKsException");

        assertThat(message(error)).contains("1 KMS keys");
    }

}
