package com.cksconsole.sandbox.kms;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;

/**
 * The trust anchor ({@code customerCA.crt}) of each simulated CloudHSM cluster, which a
 * real operator keeps from initializing the cluster and passes to CreateCustomKeyStore.
 * The certificates are real, self-signed X.509 certificates whose private keys were
 * dropped when they were issued ({@link SandboxTrustAnchors}); serving them lets sandbox
 * users create CloudHSM key stores with the AWS CLI
 * ({@code --trust-anchor-certificate file://...}).
 */
@RestController
@ConditionalOnSandboxMode
class SandboxClusterCertificates {

    static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final SimulatedAws aws;

    SandboxClusterCertificates(SimulatedAws aws) {
        this.aws = aws;
    }

    @GetMapping("/sandbox/cloudhsm/{clusterId}/customerCA.crt")
    ResponseEntity<String> trustAnchor(@PathVariable String clusterId) {
        return aws.cluster(clusterId)
            .map(cluster -> ResponseEntity.ok().contentType(PEM).body(aws.trustAnchor(cluster)))
            .orElseGet(() -> ResponseEntity.notFound().build());
    }

}
