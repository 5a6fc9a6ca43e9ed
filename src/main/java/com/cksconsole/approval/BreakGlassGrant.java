package com.cksconsole.approval;

import java.time.Instant;

/**
 * A user allowed to execute a change that needs approval without one, giving a reason.
 */
public record BreakGlassGrant(String username, String grantedBy, Instant grantedAt) {
}
