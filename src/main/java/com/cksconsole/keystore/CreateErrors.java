package com.cksconsole.keystore;

import static com.cksconsole.keystore.CreationRules.ACCESS_KEY_ID;
import static com.cksconsole.keystore.CreationRules.CLUSTER_ID;
import static com.cksconsole.keystore.CreationRules.ENDPOINT;
import static com.cksconsole.keystore.CreationRules.NAME;
import static com.cksconsole.keystore.CreationRules.PATH;
import static com.cksconsole.keystore.CreationRules.SERVICE_NAME;
import static com.cksconsole.keystore.CreationRules.TRUST_ANCHOR;

/**
 * What each error of CreateCustomKeyStore (KMS API Reference, CreateCustomKeyStore,
 * Errors; the XKS proxy API specification's table of what KMS makes of each proxy answer)
 * means for the wizard: the step and field to fix, in words. Never KMS's own message,
 * which may echo request values.
 */
public final class CreateErrors {

    private CreateErrors() {
    }

    /** The problem a KMS failure of CreateCustomKeyStore is. */
    public static CreateProblem of(KmsFailure failure) {
        String code = failure.errorCode();
        return switch (code) {
            case "CustomKeyStoreNameInUseException" -> new CreateProblem(CreateStep.NAME, NAME,
                    "KMS refused the name: another custom key store in this account and Region has it.", code);
            case "LimitExceededException" -> new CreateProblem(CreateStep.NAME, CreateProblem.TARGET,
                    "KMS refused: this account and Region already hold as many custom key stores as their quota "
                            + "allows. Delete one, or ask AWS to raise the quota.",
                    code);
            case "XksProxyUriInUseException" -> new CreateProblem(CreateStep.PROXY, PATH,
                    "KMS refused: another external key store already uses this endpoint and path.", code);
            case "XksProxyUriEndpointInUseException" -> new CreateProblem(CreateStep.PROXY, ENDPOINT,
                    "KMS refused the endpoint: another external key store uses it in a way this one cannot share "
                            + "(a VPC store's private DNS name is its own).",
                    code);
            case "XksProxyVpcEndpointServiceInUseException" -> new CreateProblem(CreateStep.CONNECTIVITY, SERVICE_NAME,
                    "KMS refused: another external key store already uses this VPC endpoint service.", code);
            case "XksProxyVpcEndpointServiceNotFoundException" -> new CreateProblem(CreateStep.CONNECTIVITY,
                    SERVICE_NAME, "KMS did not find this VPC endpoint service in the Region for the given owner, or "
                            + "the service does not allow the principal cks.kms.<Region>.amazonaws.com.",
                    code);
            case "XksProxyVpcEndpointServiceInvalidConfigurationException" -> new CreateProblem(CreateStep.CONNECTIVITY,
                    SERVICE_NAME,
                    "KMS refused the VPC endpoint service's configuration: it must allow KMS's principal, need no "
                            + "acceptance, balance over two Availability Zones, and have a verified private DNS name "
                            + "equal to the proxy endpoint.",
                    code);
            case "XksProxyIncorrectAuthenticationCredentialException" -> new CreateProblem(CreateStep.PROXY,
                    ACCESS_KEY_ID, "The proxy rejected the credential: the access key ID or its secret access key "
                            + "is not the one the proxy knows. Enter the credential again.",
                    code);
            case "XksProxyInvalidConfigurationException" -> new CreateProblem(CreateStep.PROXY, PATH,
                    "The proxy does not know this path (InvalidUriPathException).", code);
            case "XksProxyUriUnreachableException" -> new CreateProblem(CreateStep.PROXY, ENDPOINT,
                    "KMS could not reach the proxy at this endpoint within its budget, or the proxy reports every "
                            + "external key manager unavailable.",
                    code);
            case "XksProxyInvalidResponseException" -> new CreateProblem(CreateStep.PROXY, ENDPOINT,
                    "The proxy at this endpoint gave KMS an answer it cannot interpret.", code);
            case "CloudHsmClusterNotFoundException" -> new CreateProblem(CreateStep.CLUSTER, CLUSTER_ID,
                    "KMS found no CloudHSM cluster with this ID in this account and Region.", code);
            case "CloudHsmClusterNotActiveException" -> new CreateProblem(CreateStep.CLUSTER, CLUSTER_ID,
                    "The cluster is not active: initialize and activate it first.", code);
            case "CloudHsmClusterInvalidConfigurationException" -> new CreateProblem(CreateStep.CLUSTER, CLUSTER_ID,
                    "KMS refused the cluster's configuration. It needs at least two active HSMs in different "
                            + "Availability Zones, private subnets in two zones, and a security group "
                            + "(cloudhsm-<cluster ID>-sg) that allows TCP ports 2223-2225 in and out within "
                            + "itself. The console checks the HSMs before sending; the security group's rules "
                            + "are not shown by CloudHSM DescribeClusters, so check them in the EC2 console.",
                    code);
            case "CloudHsmClusterInUseException" -> new CreateProblem(CreateStep.CLUSTER, CLUSTER_ID,
                    "This cluster, or one that shares its backup history, already backs a custom key store.", code);
            case "IncorrectTrustAnchorException" -> new CreateProblem(CreateStep.TRUST_ANCHOR, TRUST_ANCHOR,
                    "This certificate is not the cluster's trust anchor (its customerCA.crt).", code);
            case "ValidationException" -> new CreateProblem(CreateStep.REVIEW, null,
                    "KMS found a value it does not accept. Check every step.", code);
            default -> new CreateProblem(CreateStep.REVIEW, null, switch (failure.kind()) {
                case THROTTLED -> "KMS is throttling requests. Nothing was created: try again in a moment.";
                case CREDENTIALS_REFUSED -> "KMS refused the console's own credentials for this target.";
                case TIMED_OUT, UNREACHABLE -> "KMS did not answer. Check the key store list before trying again: "
                        + "the store may have been created.";
                default -> "KMS could not create the key store (" + code + ").";
            }, code);
        };
    }

}
