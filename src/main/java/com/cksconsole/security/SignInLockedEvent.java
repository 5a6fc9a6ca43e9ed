package com.cksconsole.security;

import java.time.Instant;

/**
 * Published when sign-in throttling locks an account ({@code user:<name>}) or a source
 * address ({@code ip:<address>}), so that the audit log records each lock.
 */
public record SignInLockedEvent(String throttleKey, Instant lockedUntil, int failures) {
}
