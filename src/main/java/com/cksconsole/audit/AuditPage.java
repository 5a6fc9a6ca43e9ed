package com.cksconsole.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of entries, newest first.
 *
 * @param nextCursor the {@code before} value of the next (older) page; null on the last
 * page
 */
public record AuditPage(List<AuditEntry> entries, @Nullable Long nextCursor) {
}
