package com.cksconsole.keystore;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the console reaches KMS.
 *
 * @param mode {@code sandbox} (default): the embedded KMS sandbox; {@code aws}: real AWS KMS
 * @param region AWS Region whose custom key stores the console manages
 * @param endpoint optional KMS endpoint override (for example a VPC interface endpoint); in sandbox mode
 *     it defaults to this application's own {@code /sandbox/kms}
 * @param cloudhsmRenameWhileConnected whether a CloudHSM key store may be renamed while CONNECTED; the
 *     UpdateCustomKeyStore specification says no (default), newer KMS allows it
 */
@ConfigurationProperties("console.kms")
public record KmsProperties(
        @DefaultValue("sandbox") KmsMode mode,
        @DefaultValue("us-east-1") String region,
        @Nullable URI endpoint,
        @DefaultValue("false") boolean cloudhsmRenameWhileConnected) {
}
