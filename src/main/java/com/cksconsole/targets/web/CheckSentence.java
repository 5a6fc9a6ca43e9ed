package com.cksconsole.targets.web;

import com.cksconsole.targets.TargetCheckResult;

/** The sentence an administrator reads after a check. */
final class CheckSentence {

    private CheckSentence() {
    }

    static String of(TargetCheckResult result) {
        return switch (result.outcome()) {
            case OK -> "Reached account " + result.reachedAccount() + "; DescribeCustomKeyStores answered with "
                    + result.storeCount()
                    + (Integer.valueOf(1).equals(result.storeCount()) ? " key store." : " key stores.");
            case ACCOUNT_MISMATCH -> "Refused: the credentials reach account " + result.reachedAccount()
                    + ", not the configured one. The console will not use this target until it is corrected.";
            default -> result.outcome().label() + ": " + result.outcome().explanation()
                    + (result.detail() == null ? "" : " (" + result.detail() + ")");
        };
    }

}
