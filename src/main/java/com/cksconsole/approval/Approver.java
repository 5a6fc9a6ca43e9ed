package com.cksconsole.approval;

/**
 * Someone acting on a request, with their rights on its target as the current request's
 * authentication holds them (so a revoked right counts at the next request).
 *
 * @param mayChangeTarget the change right on the request's target (global OPERATOR or
 * ADMIN, or an OPERATOR grant there)
 * @param admin the global ADMIN role
 */
public record Approver(String name, boolean mayChangeTarget, boolean admin) {
}
