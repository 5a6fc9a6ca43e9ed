/**
 * The audit log: every change recorded before it happens (fail closed), in an
 * append-only, hash-chained table that can be verified in the console and outside it.
 * {@link com.cksconsole.audit.AuditTrail} is the one entry point for writers;
 * {@link com.cksconsole.audit.AuditLog} for readers. Depends on no other console package.
 */
@NullMarked
package com.cksconsole.audit;

import org.jspecify.annotations.NullMarked;
