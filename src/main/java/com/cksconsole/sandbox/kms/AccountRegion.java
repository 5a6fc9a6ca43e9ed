package com.cksconsole.sandbox.kms;

/**
 * One account and one Region of the simulated AWS: KMS keeps the custom key stores, their
 * quota and the request quotas of each account and Region apart (KMS Developer Guide,
 * "Quotas": quotas apply per account and Region).
 */
record AccountRegion(String accountId, String region) {

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}
