package com.cksconsole.targets;

import org.jspecify.annotations.Nullable;

/**
 * Calls DescribeCustomKeyStores once on a target, for its check. Implemented by the key
 * store module (the only module that calls KMS), so that this module depends on no KMS
 * client.
 */
public interface TargetProbe {

    Answer describeOnce(TargetRoute route);

    /**
     * The probe's answer: {@code OK} with the number of stores on the first page, or what
     * went wrong.
     */
    record Answer(TargetCheckOutcome outcome, @Nullable Integer storeCount, @Nullable String detail) {
    }

}
