package com.cksconsole.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides the outcome of an intent whose outcome was lost, from what a later describe shows. Conclusive only
 * when every changed plain field that tells old from new shows the new value (the change took effect) or
 * every one shows the old value (it did not). Secrets are never observable and do not count.
 */
final class Reconciliation {

    static final String NOTE = "The outcome was not recorded at the time; a later DescribeCustomKeyStores ";

    private Reconciliation() {
    }

    record Verdict(AuditResult result, List<AuditParameter> observed) {
    }

    static Optional<Verdict> judge(List<AuditParameter> intentParameters, ObservedState observed) {
        int showsNew = 0;
        int showsOld = 0;
        var seen = new ArrayList<AuditParameter>();
        for (var p : intentParameters) {
            if (p.kind() != AuditParameter.Kind.CHANGE || Objects.equals(p.before(), p.after())) {
                continue;
            }
            if (!observed.observes(p.name())) {
                return Optional.empty();
            }
            var value = observed.value(p.name());
            seen.add(AuditParameter.observed(p.name(), value));
            if (Objects.equals(value, p.after())) {
                showsNew++;
            } else if (Objects.equals(value, p.before())) {
                showsOld++;
            } else {
                return Optional.empty();
            }
        }
        if (showsNew > 0 && showsOld == 0) {
            return Optional.of(new Verdict(new AuditResult(AuditOutcome.SUCCEEDED, "Reconciled",
                    NOTE + "showed the new values.", null, null), seen));
        }
        if (showsOld > 0 && showsNew == 0) {
            return Optional.of(new Verdict(new AuditResult(AuditOutcome.FAILED, "NotApplied",
                    NOTE + "showed the old values: the change did not take effect.", null, null), seen));
        }
        return Optional.empty();
    }
}
