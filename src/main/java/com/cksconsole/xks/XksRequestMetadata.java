package com.cksconsole.xks;

import org.jspecify.annotations.Nullable;

/**
 * The {@code requestMetadata} KMS sends with a key operation (XKS proxy API
 * specification, "GetKeyMetadata", "Encrypt", "Decrypt"). GetKeyMetadata carries no
 * {@code kmsKeyArn} (CreateKey has no key yet when it asks), so it may be null there;
 * Encrypt and Decrypt require it.
 *
 * @param awsPrincipalArn the caller of the KMS operation (required)
 * @param kmsKeyArn the KMS key; null only for GetKeyMetadata
 * @param kmsOperation e.g. {@code CreateKey}, {@code Encrypt}, {@code GenerateDataKey},
 * {@code Decrypt}, {@code ReEncrypt}
 * @param kmsRequestId opaque request ID
 * @param kmsViaService the AWS service calling on the user's behalf, if any (Encrypt and
 * Decrypt only)
 * @param awsSourceVpc the VPC the KMS call came from, only through a VPC endpoint
 * @param awsSourceVpce the VPC endpoint the KMS call came through, if any
 */
public record XksRequestMetadata(String awsPrincipalArn, @Nullable String kmsKeyArn, String kmsOperation,
        String kmsRequestId, @Nullable String kmsViaService, @Nullable String awsSourceVpc,
        @Nullable String awsSourceVpce) {

    /** Metadata without the optional VPC fields. */
    public XksRequestMetadata(String awsPrincipalArn, @Nullable String kmsKeyArn, String kmsOperation,
            String kmsRequestId, @Nullable String kmsViaService) {
        this(awsPrincipalArn, kmsKeyArn, kmsOperation, kmsRequestId, kmsViaService, null, null);
    }

}
