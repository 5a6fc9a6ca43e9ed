package com.cksconsole.audit;

import java.util.List;

/**
 * The AWS accounts and Regions the audit log's events name (each once, sorted), for the
 * audit search: it offers these and refuses any other.
 */
public record AuditTargetValues(List<String> accounts, List<String> regions) {

    public AuditTargetValues {
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
    }

}
