/**
 * Two-person approval (docs/approvals.md): policies naming the operations on a target (or
 * one store) that need approval, requests pinned to the exact change by a hash over its
 * lines, its secrets' fingerprints and the store's fingerprint, decisions by approvers
 * holding the required role on that target, execution within the validity window, and
 * break glass. The features owning an operation ({@code keystore}, {@code keys},
 * {@code rotation}) describe their change as a {@link ProposedChange} and ask
 * {@link Approvals} before they send it; this module knows no KMS operation itself.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "targets" })
package com.cksconsole.approval;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
