/**
 * The approval pages (docs/approvals.md): the ADMIN's policies and break-glass grants
 * ({@code /approval-policies}), the list of requests of every target the user may see
 * ({@code /approvals}), one request with its exact change and the answers the viewer may
 * give ({@code /t/{target}/approvals/{id}}), and the header's count of requests awaiting
 * the signed-in user. Thin: every rule is {@link com.cksconsole.approval.Approvals}' or
 * {@link com.cksconsole.approval.ApprovalPolicies}'.
 */
@NullMarked
package com.cksconsole.approval.web;

import org.jspecify.annotations.NullMarked;
