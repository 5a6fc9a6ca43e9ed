package com.cksconsole.keystore;

import com.cksconsole.kms.KmsTarget;

/**
 * The CloudHSM clusters a CloudHSM key store could be created on: CloudHSM
 * DescribeClusters in the target's account and Region (every page), each cluster with its
 * {@link ClusterEligibility} against the target's custom key stores. Needs
 * {@code cloudhsm:DescribeClusters} for the target's credentials (AWS KMS Developer
 * Guide, "Authorizing access to CloudHSM key stores").
 */
public interface CloudHsmClusters {

    /** Never throws for a failed call: the failure is in the result. */
    ClusterRead read(KmsTarget target);

}
