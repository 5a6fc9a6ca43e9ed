package com.cksconsole.targets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;

/**
 * Adds, edits, disables, enables and checks targets (ADMIN only, enforced by the security
 * configuration). Every change is audited in its own transaction with the change (both
 * commit or neither); a check is audited with the account it reached.
 */
@Service
public class TargetAdministration {

    private final TargetRepository repository;

    private final TargetConnections connections;

    private final TargetCheck check;

    private final AuditTrail audit;

    private final Clock clock;

    TargetAdministration(TargetRepository repository, TargetConnections connections, TargetCheck check,
            AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.connections = connections;
        this.check = check;
        this.audit = audit;
        this.clock = clock;
    }

    public RegisteredTarget get(TargetName name) {
        return repository.find(name).orElseThrow(() -> new TargetNotFoundException(name));
    }

    @Transactional
    public void add(Target target, TargetOrigin origin, String actor) {
        List<TargetRules.Problem> problems = new ArrayList<>(TargetRules.check(target));
        if (repository.find(target.name()).isPresent()) {
            problems.add(new TargetRules.Problem("name", "A target named " + target.name() + " exists already."));
        }
        taken(target).ifPresent(problems::add);
        refuseIf(problems);
        repository.insert(target, origin, clock.instant(), actor);
        record(TargetAuditAction.ADD_TARGET, target, describe(target));
    }

    @Transactional
    public void edit(Target target, long expectedVersion, String actor) {
        RegisteredTarget before = get(target.name());
        List<TargetRules.Problem> problems = new ArrayList<>(TargetRules.check(target));
        taken(target).filter(problem -> !sameAccountAndRegion(before.target(), target)).ifPresent(problems::add);
        refuseIf(problems);
        if (!repository.update(target, expectedVersion, clock.instant(), actor)) {
            throw new TargetAdministrationException(List.of(new TargetRules.Problem("", "Someone else changed "
                    + "this target while you were editing it. Review the current values and edit again.")));
        }
        var intent = AuditIntent.of(TargetAuditAction.CHANGE_TARGET, auditTarget(target))
            .value("target", target.name().value());
        changes(before.target(), target, intent);
        audit.record(intent.build(), AuditResult.succeeded());
    }

    @Transactional
    public void setEnabled(TargetName name, boolean enabled, String actor) {
        RegisteredTarget before = get(name);
        repository.setEnabled(name, enabled, clock.instant(), actor);
        if (!enabled) {
            connections.forget(name);
        }
        record(enabled ? TargetAuditAction.ENABLE_TARGET : TargetAuditAction.DISABLE_TARGET, before.target(),
                "target=" + name);
    }

    /**
     * Checks a target and records the result (unless the target was edited meanwhile:
     * then the check was of a definition that no longer exists and is only returned).
     */
    public TargetCheckResult check(TargetName name) {
        RegisteredTarget registered = get(name);
        TargetCheckResult result = check.check(registered);
        repository.recordCheck(name, registered.version(), result);
        var intent = AuditIntent.of(TargetAuditAction.CHECK_TARGET, auditTarget(registered.target()))
            .value("target", name.value())
            .value("reachedAccount", result.reachedAccount())
            .value("outcome", result.outcome().name());
        audit.record(intent.build(), result.passed() ? AuditResult.succeeded()
                : AuditResult.failed(result.outcome().name(), result.detail(), null, null));
        return result;
    }

    private Optional<TargetRules.Problem> taken(Target target) {
        return repository.findByAccountAndRegion(target.accountId(), target.region())
            .filter(other -> !other.name().equals(target.name()))
            .map(other -> new TargetRules.Problem("region", "Target " + other.name() + " already manages " + "account "
                    + target.accountId() + " in " + target.region() + "."));
    }

    private static boolean sameAccountAndRegion(Target a, Target b) {
        return a.accountId().equals(b.accountId()) && a.region().equals(b.region());
    }

    private static void refuseIf(List<TargetRules.Problem> problems) {
        if (!problems.isEmpty()) {
            throw new TargetAdministrationException(problems);
        }
    }

    private void record(AuditAction action, Target target, String description) {
        var intent = AuditIntent.of(action, auditTarget(target))
            .value("target", target.name().value())
            .value("definition", description);
        audit.record(intent.build(), AuditResult.succeeded());
    }

    private static AuditTarget auditTarget(Target target) {
        return new AuditTarget(target.region(), target.accountId(), null, null);
    }

    private static String describe(Target target) {
        return target.accountId() + "/" + target.region() + " " + target.access().name()
                + (target.roleArn() == null ? "" : " " + target.roleArn())
                + (target.profileName() == null ? "" : " profile " + target.profileName())
                + (target.kmsEndpoint() == null ? "" : " endpoint " + target.kmsEndpoint()) + " quota "
                + target.storeQuota() + " credential rotation " + target.credentialRotationDays() + " days"
                + (target.enabled() ? "" : " disabled");
    }

    private static void changes(Target before, Target after, AuditIntent.Builder intent) {
        change(intent, "label", before.label(), after.label());
        change(intent, "accountId", before.accountId(), after.accountId());
        change(intent, "region", before.region(), after.region());
        change(intent, "access", before.access().name(), after.access().name());
        change(intent, "profileName", before.profileName(), after.profileName());
        change(intent, "roleArn", before.roleArn(), after.roleArn());
        change(intent, "externalId", before.externalId(), after.externalId());
        change(intent, "sessionName", before.sessionName(), after.sessionName());
        change(intent, "kmsEndpoint", String.valueOf(before.kmsEndpoint()), String.valueOf(after.kmsEndpoint()));
        change(intent, "storeQuota", String.valueOf(before.storeQuota()), String.valueOf(after.storeQuota()));
        change(intent, "enabled", String.valueOf(before.enabled()), String.valueOf(after.enabled()));
        change(intent, "credentialRotationDays", String.valueOf(before.credentialRotationDays()),
                String.valueOf(after.credentialRotationDays()));
    }

    private static void change(AuditIntent.Builder intent, String name, @Nullable String before,
            @Nullable String after) {
        if (!Objects.equals(before, after)) {
            intent.changed(name, before, after);
        }
    }

}
