package com.cksconsole.keys.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

/**
 * The waiting period of a scheduled deletion: 7 to 30 days, 30 unless changed (KMS API
 * Reference, ScheduleKeyDeletion: PendingWindowInDays).
 */
record ScheduleForm(@NotNull(message = "Give a waiting period of 7 to 30 days.") @Min(value = 7,
        message = "The waiting period is at least 7 days.") @Max(value = 30,
                message = "The waiting period is at most 30 days.") @Nullable Integer days) {

    static final int DEFAULT_DAYS = 30;

}
