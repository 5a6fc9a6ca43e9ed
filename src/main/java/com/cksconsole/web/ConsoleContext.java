package com.cksconsole.web;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsMode;
import com.cksconsole.keystore.KmsProperties;

/**
 * Which KMS every page acts on, for the header and next to each action (as the AWS
 * console shows its account and Region): the account, the Region and the mode, SANDBOX
 * being marked unmistakably.
 *
 * @param accountId the 12-digit account, or null when it is not configured
 * ({@code console.kms.account-id})
 */
public record ConsoleContext(@Nullable String accountId, String region, KmsMode mode) {

    static ConsoleContext of(KmsProperties kms) {
        return new ConsoleContext(kms.effectiveAccountId(), kms.region(), kms.mode());
    }

    public boolean sandbox() {
        return mode == KmsMode.SANDBOX;
    }

    /** The account as the pages show it. */
    public String accountText() {
        return accountId == null ? "not configured" : accountId;
    }

    /** What the console talks to, in words: "the KMS sandbox" or "AWS KMS". */
    public String kmsText() {
        return sandbox() ? "the KMS sandbox" : "AWS KMS";
    }
}
