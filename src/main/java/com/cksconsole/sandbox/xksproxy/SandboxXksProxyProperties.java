package com.cksconsole.sandbox.xksproxy;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the built-in sandbox XKS proxy accepts, and how it answers.
 *
 * @param registrations the seeded registrations (application.yml); replacing this list
 * replaces them all
 * @param additionalRegistrations registrations added on top of the seeded ones: the easy
 * way to add one without repeating the seed
 */
@ConfigurationProperties("console.sandbox.xks-proxy")
public record SandboxXksProxyProperties(@DefaultValue List<Registration> registrations,
        @DefaultValue List<Registration> additionalRegistrations) {

    public SandboxXksProxyProperties {
        registrations = List.copyOf(registrations);
        additionalRegistrations = List.copyOf(additionalRegistrations);
    }

    /**
     * One credential the proxy accepts for one path prefix. Several registrations may
     * share a prefix (credential rotation, which the spec asks proxies to support); they
     * then share its behaviour.
     *
     * @param prefix the part of XksProxyUriPath before {@code /kms/xks/v1}: empty, or
     * {@code /segment[/...]}
     * @param accessKeyId the SigV4 access key ID (20-30 characters, A-Z and 2-7)
     * @param rawSecretAccessKey the SigV4 secret (43-64 characters, a-z A-Z 0-9 / + =);
     * never logged
     * @param behaviour how the proxy answers an authentic GetHealthStatus for this prefix
     */
    public record Registration(@DefaultValue("") String prefix, String accessKeyId, String rawSecretAccessKey,
            @DefaultValue("healthy") ProxyBehaviour behaviour) {

        @Override
        public String toString() {
            // Like XksProxyCredential: KMS marks both halves of the credential sensitive.
            return "Registration[prefix=" + prefix + ", accessKeyId=<redacted>, rawSecretAccessKey=<redacted>, "
                    + "behaviour=" + behaviour + "]";
        }
    }
}
