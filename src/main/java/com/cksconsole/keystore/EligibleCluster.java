package com.cksconsole.keystore;

/** A cluster and whether a CloudHSM key store can be created on it now. */
public record EligibleCluster(CloudHsmCluster cluster, ClusterEligibility eligibility) {
}
