package com.cksconsole.approval.web;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicy;

/** A policy as the list shows it: its operations in their order, its window in words. */
record PolicyRow(ApprovalPolicy policy, List<String> operations, String validity) {

    static PolicyRow of(ApprovalPolicy policy) {
        return new PolicyRow(policy,
                EnumSet.copyOf(policy.operations()).stream().map(ApprovalOperation::label).toList(),
                Windows.text(policy.validity()));
    }

    /** Durations as people say them: "24 hours", "90 minutes", "7 days". */
    static final class Windows {

        private Windows() {
        }

        static String text(Duration window) {
            long minutes = window.toMinutes();
            if (minutes > 24 * 60 && minutes % (24 * 60) == 0) {
                return plural(minutes / (24 * 60), "day");
            }
            if (minutes % 60 == 0) {
                return plural(minutes / 60, "hour");
            }
            return plural(minutes, "minute");
        }

        private static String plural(long count, String unit) {
            return count + " " + unit + (count == 1 ? "" : "s");
        }

    }

}
