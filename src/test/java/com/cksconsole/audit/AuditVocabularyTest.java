package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * The features' audit vocabularies: stored names are those of the one enum they replaced
 * (audit rows, the hash chain's canonical form and exports must not change a byte), with
 * the same labels, unique across features.
 */
class AuditVocabularyTest {

    /**
     * Every name and label of the former {@code enum AuditAction}, in its order, as
     * stored since.
     */
    private static final Map<String, String> FORMER = former();

    private static Map<String, String> former() {
        var names = new LinkedHashMap<String, String>();
        names.put("SIGN_IN", "Sign-in");
        names.put("SIGN_OUT", "Sign-out");
        names.put("SIGN_IN_LOCKED", "Sign-in locked");
        names.put("SESSION_ENDED", "Session ended");
        names.put("ACCESS_DENIED", "Access denied");
        names.put("UPDATE_CUSTOM_KEY_STORE", "UpdateCustomKeyStore");
        names.put("CONNECT_CUSTOM_KEY_STORE", "ConnectCustomKeyStore");
        names.put("DISCONNECT_CUSTOM_KEY_STORE", "DisconnectCustomKeyStore");
        names.put("IMPORT_PROXY_CONFIGURATION", "Proxy configuration import");
        names.put("CREATE_USER", "User created");
        names.put("CHANGE_USER_ROLES", "User roles changed");
        names.put("DISABLE_USER", "User disabled");
        names.put("ENABLE_USER", "User enabled");
        names.put("RESET_USER_PASSWORD", "User password reset");
        names.put("CHANGE_OWN_PASSWORD", "Own password changed");
        names.put("VERIFY_AUDIT_CHAIN", "Audit chain verified");
        names.put("EXPORT_AUDIT_LOG", "Audit log exported");
        names.put("CHECK_SECRET_FINGERPRINT", "Secret fingerprint checked");
        names.put("XKS_PREFLIGHT", "XKS pre-flight check");
        names.put("XKS_PREFLIGHT_OVERRIDDEN", "XKS pre-flight overridden");
        names.put("GUIDED_CHANGE_STARTED", "Guided change started");
        names.put("GUIDED_CHANGE_STEP", "Guided change step");
        names.put("GUIDED_CHANGE_ENDED", "Guided change ended");
        names.put("GUIDED_CHANGE_REQUEST", "Guided change request");
        names.put("SIGN_AUDIT_CHECKPOINT", "Audit checkpoint signed");
        names.put("CHANGED_OUTSIDE_CONSOLE", "Changed outside the console");
        names.put("CREATE_CUSTOM_KEY_STORE", "CreateCustomKeyStore");
        names.put("ADD_TARGET", "Target added");
        names.put("CHANGE_TARGET", "Target changed");
        names.put("DISABLE_TARGET", "Target disabled");
        names.put("ENABLE_TARGET", "Target enabled");
        names.put("CHECK_TARGET", "Target checked");
        return names;
    }

    /** Every action added since the former enum, with its feature's vocabulary. */
    private static final Map<String, String> ADDED = Map.of("USER_TARGET_GRANTED", "User target grant given",
            "USER_TARGET_REVOKED", "User target grant removed", "DELETE_CUSTOM_KEY_STORE", "DeleteCustomKeyStore",
            "CREATE_KEY", "CreateKey", "ENABLE_KEY", "EnableKey", "DISABLE_KEY", "DisableKey", "SCHEDULE_KEY_DELETION",
            "ScheduleKeyDeletion", "CANCEL_KEY_DELETION", "CancelKeyDeletion", "KEY_ROUND_TRIP", "Key round-trip test");

    private static final Map<String, String> ADDED_HEALTH = Map.of("MONITORING_CREDENTIAL_SET",
            "Monitoring credential set", "MONITORING_CREDENTIAL_REMOVED", "Monitoring credential removed",
            "HEALTH_ALERT_RAISED", "Health alert raised", "HEALTH_ALERT_DELIVERY_FAILED",
            "Health alert delivery failed");

    /** Credential rotation (issue 18): every step of a run. */
    private static final Map<String, String> ADDED_ROTATION = Map.ofEntries(
            Map.entry("CREDENTIAL_ROTATION_STARTED", "Credential rotation started"),
            Map.entry("CREDENTIAL_ROTATION_FILE_DOWNLOADED",
                    "Credential rotation: proxy configuration file downloaded"),
            Map.entry("CREDENTIAL_ROTATION_INSTALLED", "Credential rotation: new credential installed on the proxy"),
            Map.entry("CREDENTIAL_ROTATION_PROVED", "Credential rotation: the proxy accepts the new credential"),
            Map.entry("CREDENTIAL_ROTATION_KMS_UPDATED", "Credential rotation: KMS uses the new credential"),
            Map.entry("CREDENTIAL_ROTATION_SOAK_FAILED", "Credential rotation: a check failed while KMS moved over"),
            Map.entry("CREDENTIAL_ROTATION_SOAK_PASSED", "Credential rotation: KMS moved over"),
            Map.entry("CREDENTIAL_ROTATION_WATCH_AGAIN", "Credential rotation: watching again"),
            Map.entry("CREDENTIAL_ROTATION_WAITING", "Credential rotation: waiting"),
            Map.entry("CREDENTIAL_ROTATION_NEEDS_SECRET", "Credential rotation: the new secret is needed again"),
            Map.entry("CREDENTIAL_ROTATION_SECRET_GIVEN", "Credential rotation: new secret given again"),
            Map.entry("CREDENTIAL_ROTATION_RETIRE_REFUSED", "Credential rotation: retirement not confirmed"),
            Map.entry("CREDENTIAL_ROTATION_COMPLETED", "Credential rotation completed"),
            Map.entry("CREDENTIAL_ROTATION_CANCELLED", "Credential rotation cancelled"),
            Map.entry("CREDENTIAL_ROTATION_FAILED", "Credential rotation failed"),
            Map.entry("CREDENTIAL_ROTATION_LEFT_BOTH_ACTIVE",
                    "Credential rotation stopped with both credentials active"));

    /**
     * Two-person approval (issue 20): requests, answers, executions, policies, break
     * glass.
     */
    private static final Map<String, String> ADDED_APPROVAL = Map.ofEntries(
            Map.entry("APPROVAL_POLICY_CREATED", "Approval policy created"),
            Map.entry("APPROVAL_POLICY_DELETED", "Approval policy deleted"),
            Map.entry("BREAK_GLASS_GRANTED", "Break-glass right granted"),
            Map.entry("BREAK_GLASS_REVOKED", "Break-glass right revoked"),
            Map.entry("APPROVAL_REQUESTED", "Approval requested"), Map.entry("APPROVAL_APPROVED", "Approval given"),
            Map.entry("APPROVAL_REJECTED", "Approval refused"),
            Map.entry("APPROVAL_WITHDRAWN", "Approval request withdrawn"),
            Map.entry("APPROVAL_EXPIRED", "Approval request expired"), Map.entry("APPROVAL_VOIDED", "Approval voided"),
            Map.entry("APPROVAL_EXECUTED", "Approved change executed"),
            Map.entry("APPROVAL_RELEASED", "Approved change not sent (approval kept)"),
            Map.entry("BREAK_GLASS_USED", "Break glass: executed without approval (review)"));

    /** Single sign-on (issue 21): the group mappings. */
    private static final Map<String, String> ADDED_SSO = Map.of("SSO_GROUP_MAPPING_ADDED",
            "Single sign-on group mapping added", "SSO_GROUP_MAPPING_REMOVED", "Single sign-on group mapping removed");

    @Test
    void everyStoredNameAndLabelOfTheFormerEnumIsKnownUnchanged() {
        var known = new LinkedHashMap<String, String>();
        AuditActions.all().forEach(action -> known.put(action.name(), action.label()));

        var expected = new LinkedHashMap<>(FORMER);
        expected.putAll(ADDED);
        expected.putAll(ADDED_HEALTH);
        expected.putAll(ADDED_ROTATION);
        expected.putAll(ADDED_APPROVAL);
        expected.putAll(ADDED_SSO);
        assertThat(known).containsExactlyInAnyOrderEntriesOf(expected);
        FORMER.forEach((name, label) -> assertThat(AuditActions.labelOf(name)).isEqualTo(label));
    }

    @Test
    void everyFeatureContributesItsVocabulary() {
        assertThat(AuditActions.all()).extracting(action -> action.getClass().getSimpleName())
            .containsOnly("KeyStoreAuditAction", "AuditLogAction", "SecurityAuditAction", "UserAuditAction",
                    "TargetAuditAction", "KeyAuditAction", "HealthCredentialAuditAction", "HealthAlertAuditAction",
                    "RotationAuditAction", "ApprovalAuditAction");
    }

    @Test
    void aNameUsedByTwoFeaturesIsRefused() {
        AuditVocabulary keyStores = () -> List.of(KeyStoreAuditAction.values());
        AuditVocabulary clash = () -> List.of(new Named("CONNECT_CUSTOM_KEY_STORE"), new Named("NEW_ONE"));

        assertThatThrownBy(() -> AuditActions.index(List.of(keyStores, clash)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("CONNECT_CUSTOM_KEY_STORE")
            .hasMessageNotContaining("NEW_ONE");
        assertThat(AuditActions.index(List.of(keyStores, () -> List.of(new Named("NEW_ONE"))))).containsKey("NEW_ONE");
    }

    @Test
    void aStoredNameThisVersionDoesNotKnowIsShownAsItIs() {
        assertThat(AuditActions.find("A_FUTURE_VERSIONS_ACTION")).isEmpty();
        assertThat(AuditActions.labelOf("A_FUTURE_VERSIONS_ACTION")).isEqualTo("A_FUTURE_VERSIONS_ACTION");
    }

    @Test
    void theKeyStoreNamesTheAuditModuleJudgesByAreTheKeyStoreVocabularys() {
        assertThat(Reconciliation.CONNECT).isEqualTo(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE.name());
        assertThat(Reconciliation.DISCONNECT).isEqualTo(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE.name());
    }

    private record Named(String name) implements AuditAction {

        @Override
        public String label() {
            return name;
        }
    }

}
