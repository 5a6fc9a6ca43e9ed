package com.cksconsole.keystore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreUniquenessRules;
import com.cksconsole.kms.KeyStoreUniquenessRules.Store;
import com.cksconsole.kms.KeyStoreUniquenessRules.Violation;
import com.cksconsole.kms.KeyStoreUniquenessRules.XksProxy;
import com.cksconsole.kms.KmsField;
import com.cksconsole.kms.XksConnectivity;

/**
 * Every rule KMS applies to a CreateCustomKeyStore request that the console can check
 * before sending it (KMS API Reference, CreateCustomKeyStore: request members, errors;
 * AWS KMS Developer Guide, "Create an external key store" and "Resource quotas"): the
 * members' lengths and patterns ({@link KmsField}, the one definition the forms and the
 * sandbox use), the members each kind of store needs or must not have, the uniqueness of
 * the name, of the proxy endpoint and path, of a VPC store's private DNS name and of its
 * VPC endpoint service within the account and Region, and the store quota. What it cannot
 * check (the VPC endpoint service's configuration, the CloudHSM cluster) KMS checks.
 */
public final class CreationRules {

    public static final String NAME = "customKeyStoreName";

    public static final String CONNECTIVITY = "xksProxyConnectivity";

    public static final String SERVICE_NAME = "xksProxyVpcEndpointServiceName";

    public static final String SERVICE_OWNER = "xksProxyVpcEndpointServiceOwner";

    public static final String ENDPOINT = "xksProxyUriEndpoint";

    public static final String PATH = "xksProxyUriPath";

    public static final String ACCESS_KEY_ID = "xksProxyAuthenticationCredential.accessKeyId";

    public static final String SECRET = "xksProxyAuthenticationCredential.rawSecretAccessKey";

    public static final String CLUSTER_ID = "cloudHsmClusterId";

    public static final String TRUST_ANCHOR = "trustAnchorCertificate";

    public static final String PASSWORD = "keyStorePassword";

    static final String NAME_IN_USE = "Another custom key store in this account and Region already has this name "
            + "(names are compared exactly, capitals included).";

    /** What each pattern-checked field looks like, for a value that does not match. */
    private static final Map<KmsField, String> SHAPES = Map.of(KmsField.XKS_PROXY_URI_ENDPOINT,
            "starts with https:// followed by a host name only: no port, path or trailing slash",
            KmsField.XKS_PROXY_URI_PATH,
            "ends in /kms/xks/v1 (or another version up to v99), optionally after a prefix such as /tenant-a, "
                    + "with only letters, digits, /, _ and -",
            KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
            "looks like com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718",
            KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER, "is an AWS account ID of 12 digits",
            KmsField.XKS_ACCESS_KEY_ID, "uses only capital letters A to Z and digits 2 to 7",
            KmsField.XKS_RAW_SECRET_ACCESS_KEY, "uses only letters, digits, /, + and =", KmsField.CLOUDHSM_CLUSTER_ID,
            "looks like cluster- followed by 11 to 16 letters and digits 2 to 7");

    private CreationRules() {
    }

    /**
     * The problems of an external key store to create in an account and Region that holds
     * {@code existing}, with {@code quota} stores allowed; empty when KMS should accept
     * it as far as the console can tell.
     */
    public static List<CreateProblem> problems(NewXksStore store, List<CustomKeyStore> existing, int quota) {
        var problems = new ArrayList<CreateProblem>();
        shape(store, problems);
        boolean vpc = store.viaVpcEndpointService();
        var candidate = Store.xks(null, store.name(), new XksProxy(store.connectivity(), store.uriEndpoint(),
                store.uriPath(), vpc ? store.vpcEndpointServiceName() : null));
        for (Violation violation : KeyStoreUniquenessRules.violations(candidate, describe(existing),
                Integer.MAX_VALUE)) {
            String other = violation.otherStoreId();
            switch (violation.rule()) {
                case NAME_IN_USE -> problems.add(new CreateProblem(CreateStep.NAME, NAME,
                        "Another custom key store in this account and "
                                + "Region already has this name (names are compared exactly, capitals included).",
                        violation.exceptionName()));
                case PROXY_URI_IN_USE -> problems.add(new CreateProblem(CreateStep.PROXY, PATH,
                        "Key store " + other
                                + " already uses this endpoint with this path: each external key store needs its own "
                                + "endpoint and path combination in the account and Region.",
                        violation.exceptionName()));
                case PROXY_URI_ENDPOINT_IN_USE -> problems.add(new CreateProblem(CreateStep.PROXY, ENDPOINT,
                        vpc ? "Key store " + other + " already uses this endpoint: a store with VPC endpoint "
                                + "service connectivity needs a private DNS name no other external key store uses."
                                : "Key store " + other + " reaches this endpoint through a VPC endpoint service: a "
                                        + "public endpoint must differ from every VPC store's private DNS name.",
                        violation.exceptionName()));
                case VPC_ENDPOINT_SERVICE_IN_USE ->
                    problems.add(new CreateProblem(CreateStep.CONNECTIVITY, SERVICE_NAME,
                            "Key store " + other
                                    + " already uses this VPC endpoint service: each external key store needs its own.",
                            violation.exceptionName()));
                default -> {
                }
            }
        }
        quota(existing, quota).ifPresent(problems::add);
        return List.copyOf(first(problems));
    }

    /** The problems of a store's name and of the account and Region's quota. */
    public static List<CreateProblem> nameProblems(String name, List<CustomKeyStore> existing, int quota) {
        var problems = new ArrayList<CreateProblem>();
        check(problems, CreateStep.NAME, NAME, "The name", KmsField.CUSTOM_KEY_STORE_NAME, name);
        if (KeyStoreUniquenessRules.firstViolation(Store.xks(null, name, null), describe(existing),
                Integer.MAX_VALUE) != null) {
            problems.add(new CreateProblem(CreateStep.NAME, NAME, NAME_IN_USE,
                    KeyStoreUniquenessRules.Rule.NAME_IN_USE.exceptionName()));
        }
        quota(existing, quota).ifPresent(problems::add);
        return List.copyOf(first(problems));
    }

    /** The problems of a CloudHSM key store to create, as far as KMS's members go. */
    public static List<CreateProblem> problems(NewCloudHsmStore store, List<CustomKeyStore> existing, int quota) {
        return problems(store, existing, quota, Map.of());
    }

    /**
     * The problems of a CloudHSM key store to create, with the clusters' backup families
     * (cluster ID to cluster certificate, from CloudHSM DescribeClusters): a cluster that
     * shares its backup history with one behind an existing store is in use too.
     */
    public static List<CreateProblem> problems(NewCloudHsmStore store, List<CustomKeyStore> existing, int quota,
            Map<String, String> backupFamilies) {
        var problems = new ArrayList<CreateProblem>();
        check(problems, CreateStep.NAME, NAME, "The name", KmsField.CUSTOM_KEY_STORE_NAME, store.name());
        check(problems, CreateStep.CLUSTER, CLUSTER_ID, "The cluster ID", KmsField.CLOUDHSM_CLUSTER_ID,
                store.cloudHsmClusterId());
        check(problems, CreateStep.TRUST_ANCHOR, TRUST_ANCHOR, "The trust anchor certificate",
                KmsField.TRUST_ANCHOR_CERTIFICATE, store.trustAnchorCertificate());
        check(problems, CreateStep.PASSWORD, PASSWORD, "The kmsuser password", KmsField.KEY_STORE_PASSWORD,
                store.keyStorePassword().reveal());
        var byId = new java.util.HashMap<String, CustomKeyStore>();
        existing.forEach(other -> byId.put(other.id(), other));
        for (Violation violation : KeyStoreUniquenessRules.violations(
                Store.cloudHsm(null, store.name(), store.cloudHsmClusterId(),
                        backupFamilies.get(store.cloudHsmClusterId())),
                describe(existing, backupFamilies), Integer.MAX_VALUE)) {
            switch (violation.rule()) {
                case NAME_IN_USE -> problems.add(new CreateProblem(CreateStep.NAME, NAME,
                        "Another custom key store in this account and " + "Region already has this name.",
                        violation.exceptionName()));
                case CLUSTER_IN_USE -> problems.add(new CreateProblem(
                        CreateStep.CLUSTER, CLUSTER_ID, clusterInUse(store.cloudHsmClusterId(),
                                byId.get(violation.otherStoreId()), violation.otherStoreId()),
                        violation.exceptionName()));
                default -> {
                }
            }
        }
        quota(existing, quota).ifPresent(problems::add);
        return List.copyOf(first(problems));
    }

    /**
     * The account and Region's store quota (all types, any state), or empty when one more
     * fits.
     */
    public static Optional<CreateProblem> quota(List<CustomKeyStore> existing, int quota) {
        Violation violation = KeyStoreUniquenessRules.firstViolation(Store.xks(null, null, null), describe(existing),
                quota);
        if (violation == null) {
            return Optional.empty();
        }
        return Optional.of(new CreateProblem(CreateStep.NAME, CreateProblem.TARGET,
                "This account and Region already " + "hold " + existing.size() + " custom key stores, its quota of "
                        + quota + ": delete one, or ask AWS to " + "raise the quota (and raise it on the target too).",
                violation.exceptionName()));
    }

    private static String clusterInUse(String clusterId, @Nullable CustomKeyStore other, @Nullable String otherId) {
        if (other != null && other.cloudHsmClusterId() != null && !clusterId.equals(other.cloudHsmClusterId())) {
            return "Key store " + other.name() + " (" + other.id() + ") uses cluster " + other.cloudHsmClusterId()
                    + ", which shares this cluster's backup history: KMS counts related clusters as one.";
        }
        return "Key store " + otherId + " already uses this cluster.";
    }

    private static List<Store> describe(List<CustomKeyStore> existing) {
        return describe(existing, Map.of());
    }

    /**
     * The account and Region's stores as the shared rules see them; a cluster's backup
     * family is its cluster certificate where DescribeClusters gave one.
     */
    private static List<Store> describe(List<CustomKeyStore> existing, Map<String, String> backupFamilies) {
        return existing.stream().map(other -> {
            var xks = other.xks().orElse(null);
            if (other.cloudHsmClusterId() != null) {
                return Store.cloudHsm(other.id(), other.name(), other.cloudHsmClusterId(),
                        backupFamilies.get(other.cloudHsmClusterId()));
            }
            return Store.xks(other.id(), other.name(), xks == null ? null
                    : new XksProxy(xks.connectivity(), xks.uriEndpoint(), xks.uriPath(), xks.vpcEndpointServiceName()));
        }).toList();
    }

    private static void shape(NewXksStore store, List<CreateProblem> problems) {
        check(problems, CreateStep.NAME, NAME, "The name", KmsField.CUSTOM_KEY_STORE_NAME, store.name());
        boolean vpc = store.viaVpcEndpointService();
        if (vpc) {
            if (store.vpcEndpointServiceName() == null) {
                problems.add(new CreateProblem(CreateStep.CONNECTIVITY, SERVICE_NAME,
                        "Enter the name of the VPC endpoint service.", "ValidationException"));
            }
            check(problems, CreateStep.CONNECTIVITY, SERVICE_NAME, "The VPC endpoint service name",
                    KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME, store.vpcEndpointServiceName());
            check(problems, CreateStep.CONNECTIVITY, SERVICE_OWNER, "The VPC endpoint service owner",
                    KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER, store.vpcEndpointServiceOwner());
        }
        else {
            if (store.vpcEndpointServiceName() != null) {
                problems.add(new CreateProblem(CreateStep.CONNECTIVITY, SERVICE_NAME,
                        "A public endpoint has no VPC endpoint service: clear this field.", "ValidationException"));
            }
            if (store.vpcEndpointServiceOwner() != null) {
                problems.add(new CreateProblem(CreateStep.CONNECTIVITY, SERVICE_OWNER,
                        "A public endpoint has no VPC endpoint service: clear this field.", "ValidationException"));
            }
        }
        check(problems, CreateStep.PROXY, ENDPOINT, "The endpoint", KmsField.XKS_PROXY_URI_ENDPOINT,
                store.uriEndpoint());
        check(problems, CreateStep.PROXY, PATH, "The path", KmsField.XKS_PROXY_URI_PATH, store.uriPath());
        check(problems, CreateStep.PROXY, ACCESS_KEY_ID, "The access key ID", KmsField.XKS_ACCESS_KEY_ID,
                store.credential().accessKeyId());
        check(problems, CreateStep.PROXY, SECRET, "The secret access key", KmsField.XKS_RAW_SECRET_ACCESS_KEY,
                store.credential().rawSecretAccessKey().reveal());
    }

    /**
     * One member against its KMS constraints; the sentence never repeats the value (it
     * may be a secret).
     */
    private static void check(List<CreateProblem> problems, CreateStep step, String field, String label,
            KmsField constraint, @Nullable String value) {
        if (value == null) {
            return;
        }
        constraint.violation(value).ifPresent(violation -> {
            String message = violation.contains("length") ? label + " must be " + constraint.min()
                    + (constraint.min() == constraint.max() ? "" : " to " + constraint.max()) + " characters long."
                    : label + " " + SHAPES.getOrDefault(constraint, "does not have the form KMS accepts") + ".";
            problems.add(new CreateProblem(step, field, message, "ValidationException"));
        });
    }

    /** The first problem of each field: the one to fix first. */
    private static List<CreateProblem> first(List<CreateProblem> problems) {
        var seen = new java.util.HashSet<@Nullable String>();
        var kept = new ArrayList<CreateProblem>();
        for (CreateProblem problem : problems) {
            if (problem.field() == null || seen.add(problem.field())) {
                kept.add(problem);
            }
        }
        return kept;
    }

}
