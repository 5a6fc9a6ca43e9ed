package com.cksconsole.kms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

/**
 * The one definition of the CreateCustomKeyStore (and UpdateCustomKeyStore) rules that
 * compare a store with the other stores of its account and Region (KMS API Reference,
 * CreateCustomKeyStore, errors CustomKeyStoreNameInUseException,
 * XksProxyUriInUseException, XksProxyUriEndpointInUseException,
 * XksProxyVpcEndpointServiceInUseException, CloudHsmClusterInUseException,
 * LimitExceededException; AWS KMS Developer Guide, "Resource quotas"). The console checks
 * them before sending a request and the sandbox applies them when answering one, so both
 * take them from here. Pure: the caller describes the stores, this class only compares.
 */
public final class KeyStoreUniquenessRules {

    private KeyStoreUniquenessRules() {
    }

    /** The XKS proxy members the uniqueness rules compare. */
    public record XksProxy(@Nullable XksConnectivity connectivity, @Nullable String uriEndpoint,
            @Nullable String uriPath, @Nullable String vpcEndpointServiceName) {

        boolean viaVpc() {
            return this.connectivity == XksConnectivity.VPC_ENDPOINT_SERVICE;
        }

    }

    /**
     * A store of the account and Region, or the store to create or update.
     *
     * @param id the store's ID; for the store to create, null
     * @param name null when the request does not set it (an update without a new name)
     * @param xks null for a CloudHSM key store, or when an update does not change the
     * proxy
     * @param cloudHsmClusterId null for an external key store, or when not compared
     * @param clusterBackupFamily the backup history the cluster shares with others, null
     * when unknown (the console cannot see it; the sandbox can)
     */
    public record Store(@Nullable String id, @Nullable String name, @Nullable XksProxy xks,
            @Nullable String cloudHsmClusterId, @Nullable String clusterBackupFamily) {

        public static Store xks(@Nullable String id, @Nullable String name, @Nullable XksProxy xks) {
            return new Store(id, name, xks, null, null);
        }

        public static Store cloudHsm(@Nullable String id, @Nullable String name, @Nullable String clusterId,
                @Nullable String backupFamily) {
            return new Store(id, name, null, clusterId, backupFamily);
        }

    }

    /** Each rule, with the exception KMS answers when a request breaks it. */
    public enum Rule {

        /** Names are unique in the account and Region, compared exactly. */
        NAME_IN_USE("CustomKeyStoreNameInUseException"),
        /** Each external key store has its own endpoint and path combination. */
        PROXY_URI_IN_USE("XksProxyUriInUseException"),
        /**
         * A VPC store's endpoint (its private DNS name) is used by no other external key
         * store, of either connectivity.
         */
        PROXY_URI_ENDPOINT_IN_USE("XksProxyUriEndpointInUseException"),
        /** Each VPC store has its own VPC endpoint service. */
        VPC_ENDPOINT_SERVICE_IN_USE("XksProxyVpcEndpointServiceInUseException"),
        /**
         * A cluster, or any cluster sharing its backup history, backs at most one
         * CloudHSM key store.
         */
        CLUSTER_IN_USE("CloudHsmClusterInUseException"),
        /**
         * The account and Region hold at most the quota of stores, all types, any state.
         */
        QUOTA("LimitExceededException");

        private final String exceptionName;

        Rule(String exceptionName) {
            this.exceptionName = exceptionName;
        }

        public String exceptionName() {
            return this.exceptionName;
        }

    }

    /**
     * One broken rule.
     *
     * @param otherStoreId the existing store the request clashes with; null for the quota
     */
    public record Violation(Rule rule, @Nullable String otherStoreId) {

        public String exceptionName() {
            return this.rule.exceptionName();
        }

    }

    /**
     * The rules {@code candidate} breaks among {@code existing} (the account and Region's
     * stores, the candidate itself included or not when it is an update), in the order
     * KMS checks them, so the first is the one KMS answers. The quota applies to a new
     * store only (a candidate without an ID).
     */
    public static List<Violation> violations(Store candidate, List<Store> existing, int quota) {
        List<Store> others = existing.stream()
            .filter(other -> candidate.id() == null || !candidate.id().equals(other.id()))
            .toList();
        var violations = new ArrayList<Violation>();
        if (candidate.name() != null) {
            others.stream()
                .filter(other -> candidate.name().equals(other.name()))
                .forEach(other -> violations.add(new Violation(Rule.NAME_IN_USE, other.id())));
        }
        XksProxy xks = candidate.xks();
        if (xks != null && xks.uriEndpoint() != null) {
            for (Store other : others) {
                if (sameEndpoint(xks, other.xks()) && Objects.equals(xks.uriPath(), other.xks().uriPath())) {
                    violations.add(new Violation(Rule.PROXY_URI_IN_USE, other.id()));
                }
            }
            for (Store other : others) {
                // A store already reported for its endpoint and path needs no second
                // sentence.
                if (sameEndpoint(xks, other.xks()) && !Objects.equals(xks.uriPath(), other.xks().uriPath())
                        && (xks.viaVpc() || other.xks().viaVpc())) {
                    violations.add(new Violation(Rule.PROXY_URI_ENDPOINT_IN_USE, other.id()));
                }
            }
            if (xks.viaVpc() && xks.vpcEndpointServiceName() != null) {
                for (Store other : others) {
                    if (other.xks() != null && other.xks().viaVpc()
                            && xks.vpcEndpointServiceName().equals(other.xks().vpcEndpointServiceName())) {
                        violations.add(new Violation(Rule.VPC_ENDPOINT_SERVICE_IN_USE, other.id()));
                    }
                }
            }
        }
        String cluster = candidate.cloudHsmClusterId();
        if (cluster != null) {
            String family = candidate.clusterBackupFamily();
            for (Store other : others) {
                if (other.cloudHsmClusterId() == null) {
                    continue;
                }
                if (cluster.equals(other.cloudHsmClusterId())
                        || (family != null && family.equals(other.clusterBackupFamily()))) {
                    violations.add(new Violation(Rule.CLUSTER_IN_USE, other.id()));
                }
            }
        }
        if (candidate.id() == null && existing.size() >= quota) {
            violations.add(new Violation(Rule.QUOTA, null));
        }
        return List.copyOf(violations);
    }

    /** The first rule {@code candidate} breaks, the one KMS answers; null when none. */
    public static @Nullable Violation firstViolation(Store candidate, List<Store> existing, int quota) {
        List<Violation> violations = violations(candidate, existing, quota);
        return violations.isEmpty() ? null : violations.get(0);
    }

    /**
     * Host names are case-insensitive (RFC 4343), so {@code https://XKS.example.com} and
     * {@code https://xks.example.com} are one endpoint (and one private DNS name), as KMS
     * treats them.
     */
    @Contract("_, null -> false")
    private static boolean sameEndpoint(XksProxy candidate, @Nullable XksProxy other) {
        return other != null && other.uriEndpoint() != null
                && other.uriEndpoint().equalsIgnoreCase(candidate.uriEndpoint());
    }

}
