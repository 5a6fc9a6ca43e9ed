package com.cksconsole.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.security.SsoProviders;
import com.cksconsole.security.SsoProviders.SsoProvider;
import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.Targets;
import com.cksconsole.users.UserAdministrationException.Problem;

/**
 * What an ADMIN may do to the single-sign-on group mappings (docs/sso.md): list them, add
 * one, remove one. A mapping names a configured provider; a per-target mapping names an
 * enabled target and gives VIEWER or OPERATOR only, as a user's target grant does.
 * Nothing here touches sessions: the sign-in side compares every single-sign-on session
 * with the mappings at its next request. Every change is recorded in the audit log in the
 * same transaction: both commit, or neither.
 */
@Service
class GroupMappingAdministration {

    static final String DUPLICATE = "This mapping exists already.";

    static final String UNKNOWN_PROVIDER = "Choose one of the configured identity providers.";

    static final String TARGET_ROLE = "On one target only VIEWER or OPERATOR can be given. Choose console-wide "
            + "for AUDITOR or ADMIN.";

    private final GroupMappingRepository mappings;

    private final SsoProviders providers;

    private final Targets targets;

    private final AuditTrail audit;

    GroupMappingAdministration(GroupMappingRepository mappings, SsoProviders providers, Targets targets,
            AuditTrail audit) {
        this.mappings = mappings;
        this.providers = providers;
        this.targets = targets;
        this.audit = audit;
    }

    List<SsoProvider> providers() {
        return providers.all();
    }

    /**
     * Every mapping by provider, configured providers first (in their order), then any
     * provider whose configuration was removed while its mappings stayed (they give no
     * right until it is configured again).
     */
    List<ProviderMappings> byProvider() {
        var grouped = new LinkedHashMap<String, List<GroupMapping>>();
        providers.all().forEach(provider -> grouped.put(provider.id(), new ArrayList<>()));
        for (GroupMapping mapping : mappings.all()) {
            grouped.computeIfAbsent(mapping.provider(), id -> new ArrayList<>()).add(mapping);
        }
        var result = new ArrayList<ProviderMappings>();
        grouped.forEach((id, list) -> {
            if (!list.isEmpty()) {
                result.add(new ProviderMappings(id, providers.configured(id) ? providers.label(id) : null, list));
            }
        });
        return result;
    }

    /**
     * One provider's mappings, for the page.
     *
     * @param id the registration ID
     * @param displayName its label; null: the provider is not configured (any more)
     * @param mappings by group, then target
     */
    record ProviderMappings(String id, @Nullable String displayName, List<GroupMapping> mappings) {
    }

    /** The targets a mapping may name: the enabled ones. */
    List<RegisteredTarget> enabledTargets() {
        return targets.all().stream().filter(target -> target.target().enabled()).toList();
    }

    /**
     * The rules the form's annotations cannot check, each on its field: a configured
     * provider, an enabled target, a role the scope allows (a mapping that exists already
     * is refused by {@link #add}). Fields the caller already found wrong are skipped.
     * @param wrongFields the fields with an error already
     */
    List<Problem> problems(GroupMappingForm form, List<String> wrongFields) {
        return check(form, wrongFields).problems();
    }

    /**
     * Adds the mapping, audited.
     * @throws UserAdministrationException with every rule the request breaks
     */
    @Transactional
    GroupMapping add(GroupMappingForm form, String actor) {
        var checked = check(form, List.of());
        var request = checked.request();
        if (!checked.problems().isEmpty() || request == null) {
            throw new UserAdministrationException(checked.problems());
        }
        // The unique key decides between two administrators adding the same mapping at
        // once; the refused insert is the last statement of this transaction.
        var added = mappings.add(request.provider(), request.group(), request.target(), request.role(), actor)
            .orElseThrow(() -> new UserAdministrationException(null, DUPLICATE));
        record(UserAuditAction.SSO_GROUP_MAPPING_ADDED, added);
        return added;
    }

    /**
     * Removes the mapping, audited.
     * @throws UserAdministrationException when there is no such mapping (any more)
     */
    @Transactional
    GroupMapping remove(long id) {
        var removed = mappings.remove(id)
            .orElseThrow(() -> new UserAdministrationException(null,
                    "There is no such mapping (any more): another administrator may have removed it."));
        record(UserAuditAction.SSO_GROUP_MAPPING_REMOVED, removed);
        return removed;
    }

    private void record(UserAuditAction action, GroupMapping mapping) {
        audit.record(AuditIntent.of(action, AuditTarget.none())
            .value("provider", mapping.provider())
            .value("group", mapping.group())
            .value("target", mapping.onTarget().map(TargetName::value).orElse(null))
            .value("role", mapping.role().name())
            .build(), AuditResult.succeeded());
    }

    private Checked check(GroupMappingForm form, List<String> wrongFields) {
        var problems = new ArrayList<Problem>();
        String provider = form.provider();
        if (!wrongFields.contains("provider") && (provider == null || !providers.configured(provider))) {
            problems.add(new Problem("provider", UNKNOWN_PROVIDER));
        }
        Optional<TargetName> target = Optional.empty();
        String scope = form.scope();
        if (!wrongFields.contains("scope") && scope != null && !form.consoleWide()) {
            target = enabledTarget(scope);
            if (target.isEmpty()) {
                problems.add(new Problem("scope", "The console has no enabled target named '" + scope
                        + "'. Choose console-wide or one of the enabled targets."));
            }
        }
        Role role = null;
        if (!wrongFields.contains("role")) {
            role = role(form.role());
            if (role == null) {
                problems.add(new Problem("role", "Choose VIEWER, OPERATOR, AUDITOR or ADMIN."));
            }
            else if (scope != null && !scope.isBlank() && !form.consoleWide() && !TargetGrant.grantable(role)) {
                problems.add(new Problem("role", TARGET_ROLE));
            }
        }
        String group = form.group();
        if (!problems.isEmpty() || !wrongFields.isEmpty() || provider == null || group == null || role == null
                || (!form.consoleWide() && target.isEmpty())) {
            return new Checked(null, problems);
        }
        // A mapping that exists already is refused by the table's unique key when it is
        // added (add), not read here first.
        return new Checked(new Request(provider, group, target, role), problems);
    }

    private Optional<TargetName> enabledTarget(String scope) {
        if (!TargetName.isValid(scope)) {
            return Optional.empty();
        }
        var name = new TargetName(scope);
        return targets.find(name).filter(target -> target.target().enabled()).map(RegisteredTarget::name);
    }

    private static @Nullable Role role(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Role.valueOf(value.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Request(String provider, String group, Optional<TargetName> target, Role role) {
    }

    private record Checked(@Nullable Request request, List<Problem> problems) {
    }

}
