package com.cksconsole.keystore;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreType;

/**
 * What a KMS {@code ConnectionErrorCode} means and what the operator can do about it, in
 * plain words (KMS API Reference, CustomKeyStoresListEntry ConnectionErrorCode; all 18
 * codes, INVALID_CREDENTIALS worded per store type).
 */
public record ConnectionErrorExplanation(String code, String meaning, String fix) {

    private static final String RECONNECT = " Then connect the key store again (a FAILED store must be "
            + "disconnected first).";

    private static final Map<String, ConnectionErrorExplanation> BY_CODE = Map.ofEntries(entry("CLUSTER_NOT_FOUND",
            "KMS cannot find the CloudHSM cluster with this ID: the ID is wrong or " + "the cluster was deleted.",
            "Create a cluster from a backup of the original cluster, "
                    + "change the key store's cluster ID to it with an update, and connect again."),
            entry("NETWORK_ERRORS", "Network problems kept KMS from connecting. This is usually temporary.",
                    "Disconnect the key store, wait a few minutes and connect again. If it keeps failing, check "
                            + "firewalls, security groups and routes."),
            entry("INTERNAL_ERROR", "KMS could not finish the connection because of an internal error.",
                    "Disconnect the key store and connect it again."),
            entry("INSUFFICIENT_CLOUDHSM_HSMS", "The CloudHSM cluster has no active HSM.",
                    "Add at least one HSM to the cluster (two in different Availability Zones are better)."
                            + RECONNECT),
            entry("USER_LOCKED_OUT",
                    "The kmsuser crypto user is locked out of the cluster after too many " + "wrong passwords.",
                    "Change the kmsuser password in the cluster, set the same password "
                            + "as the key store password with an update." + RECONNECT),
            entry("USER_NOT_FOUND", "The cluster has no kmsuser crypto user.",
                    "Create the kmsuser crypto user "
                            + "(without two-factor authentication) and set its password as the key store password with "
                            + "an update." + RECONNECT),
            entry("USER_LOGGED_IN",
                    "The kmsuser crypto user is logged into the cluster, so KMS cannot change "
                            + "its password and log in.",
                    "Log kmsuser out of the cluster (and if you changed its "
                            + "password, set the new one as the key store password with an update)." + RECONNECT),
            entry("SUBNET_NOT_FOUND", "A subnet of the cluster's configuration was deleted.",
                    "Create a cluster from a recent backup (it gets new subnets) and change the key store's "
                            + "cluster ID to it with an update." + RECONNECT),
            entry("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
                    "A private subnet of the cluster has no free IP "
                            + "address for KMS (it needs one per subnet, two are better).",
                    "Free addresses in the "
                            + "subnet, or create the cluster from a backup in subnets with room and change the key "
                            + "store's cluster ID to it with an update." + RECONNECT),
            entry("XKS_PROXY_ACCESS_DENIED", "The external key store proxy's own authorization rules deny KMS.",
                    "Change the proxy's authorization policy so that it allows KMS." + RECONNECT),
            entry("XKS_PROXY_NOT_REACHABLE",
                    "KMS cannot talk to the external key store proxy, or the proxy "
                            + "reports every external key manager unavailable.",
                    "Check the endpoint and path, that the "
                            + "proxy is running and reachable on port 443, and that its external key managers are "
                            + "healthy. Keep the round trip from the Region under 35 ms." + RECONNECT),
            entry("XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND", "KMS cannot find the VPC endpoint service.",
                    "Correct the VPC endpoint service name with an update, and allow the principal "
                            + "cks.kms.<region>.amazonaws.com on the service." + RECONNECT),
            entry("XKS_PROXY_INVALID_RESPONSE", "KMS cannot interpret the proxy's answer.",
                    "Report the problem to the proxy vendor." + RECONNECT),
            entry("XKS_PROXY_INVALID_CONFIGURATION",
                    "The proxy reports a configuration error, most often a " + "wrong proxy URI path.",
                    "Correct the proxy URI path with an update (allowed while " + "connected)." + RECONNECT),
            entry("XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
                    "The VPC endpoint service does not meet " + "KMS's requirements.",
                    "Check the service: a Network Load Balancer across at least two "
                            + "Availability Zones, the principal cks.kms.<region>.amazonaws.com allowed, acceptance not "
                            + "required, a verified private DNS name unique in the Region, and a TLS certificate for "
                            + "that name." + RECONNECT),
            entry("XKS_PROXY_TIMED_OUT", "The proxy is reachable but did not answer within KMS's 250 ms.",
                    "Report the problem to the proxy vendor and reduce the latency between the Region and the "
                            + "proxy." + RECONNECT),
            entry("XKS_PROXY_INVALID_TLS_CONFIGURATION", "The TLS handshake with the proxy failed.",
                    "Fix the proxy's TLS: TLS 1.2 or 1.3, a valid certificate for the endpoint's host name, "
                            + "issued by a certificate authority KMS trusts." + RECONNECT));

    private static final ConnectionErrorExplanation INVALID_CREDENTIALS_CLOUDHSM = new ConnectionErrorExplanation(
            "INVALID_CREDENTIALS",
            "The key store password does not match the current password of the kmsuser "
                    + "crypto user in the cluster.",
            "Set a password you know for kmsuser in the cluster and set the "
                    + "same password as the key store password with an update." + RECONNECT);

    private static final ConnectionErrorExplanation INVALID_CREDENTIALS_XKS = new ConnectionErrorExplanation(
            "INVALID_CREDENTIALS",
            "The external key store proxy rejects the access key ID or secret access key " + "that KMS signs with.",
            "Fix the credential on the proxy, or give the key store the proxy's "
                    + "current credential with an update (allowed while connected)." + RECONNECT);

    private static Map.Entry<String, ConnectionErrorExplanation> entry(String code, String meaning, String fix) {
        return Map.entry(code, new ConnectionErrorExplanation(code, meaning, fix));
    }

    /**
     * The explanation of a code; a code this console does not know gets a general one.
     */
    public static ConnectionErrorExplanation of(String code, @Nullable KeyStoreType type) {
        if ("INVALID_CREDENTIALS".equals(code)) {
            return type == KeyStoreType.EXTERNAL_KEY_STORE ? INVALID_CREDENTIALS_XKS : INVALID_CREDENTIALS_CLOUDHSM;
        }
        var known = BY_CODE.get(code);
        if (known != null) {
            return known;
        }
        return new ConnectionErrorExplanation(code, "KMS reported a connection error this console does not " + "know.",
                "Look the code up in the AWS KMS documentation." + RECONNECT);
    }

    /**
     * Every code this class explains (the 18 values of KMS's ConnectionErrorCodeType).
     */
    public static Set<String> knownCodes() {
        var codes = new TreeSet<>(BY_CODE.keySet());
        codes.add("INVALID_CREDENTIALS");
        return codes;
    }
}
