package com.cksconsole.targets;

import java.util.Collection;
import java.util.List;

/**
 * What the signed-in user of the current request may do on each target: the one question
 * every page that lists, chooses or shows targets (the cross-target key store list, the
 * header's target chooser, the overview) asks before it shows a target.
 *
 * <p>
 * A user's rights on a target come from their global roles (VIEWER, OPERATOR and ADMIN
 * apply to every target; ADMIN includes OPERATOR, which includes VIEWER) and from their
 * grants on that target (OPERATOR or VIEWER on one target; OPERATOR includes VIEWER).
 * AUDITOR gives no right on key stores. Nobody signed in: no right at all.
 *
 * <p>
 * Declared here and implemented by {@code security} (which owns sign-in and the
 * authorities a session carries), so that the modules showing targets depend on
 * {@code targets} only: {@code security} itself depends on {@code web}, which depends on
 * {@code keystore}, so a dependency of the key store pages on {@code security} would be a
 * cycle. The bean is named {@code targetPermissions} for SpEL
 * ({@code @PreAuthorize("@targetPermissions.mayChange(#target)")},
 * {@code th:if="${@targetPermissions.mayViewAny()}"}).
 *
 * <p>
 * The URL rules of {@code security} already refuse what this says no to
 * ({@code /t/{target}/**}: reading needs {@link #mayView}, any other method
 * {@link #mayChange}); pages ask it to leave out what the user may not see.
 */
public interface TargetPermissions {

    /** Whether the user may see the target's key stores and pages. */
    boolean mayView(TargetName target);

    /**
     * Whether the user may change the target's key stores (update, connect, disconnect,
     * import, guided changes), including opening the pages that prepare a change.
     */
    boolean mayChange(TargetName target);

    /**
     * {@link #mayChange} for the target of the page being served: the {@code {target}}
     * path variable of the current request ({@code /t/{target}/...}); a request without
     * one (the old single-target URLs) needs the right to change every target (a global
     * OPERATOR or ADMIN role). Made for method security on the handlers of change pages,
     * whatever their parameters:
     * {@code @PreAuthorize("@targetPermissions.mayChangeRequestedTarget()")}. False
     * outside a request.
     */
    boolean mayChangeRequestedTarget();

    /**
     * Whether the user may see at least one target (a global VIEWER, OPERATOR or ADMIN
     * role, or any grant): who may open the cross-target key store list.
     */
    boolean mayViewAny();

    /**
     * The targets of {@code targets} the user may see, in the given order (a grant on a
     * target that is not in the collection adds nothing).
     */
    List<TargetName> visible(Collection<TargetName> targets);

    /** {@link #visible(Collection)} for registered targets, in the given order. */
    default List<RegisteredTarget> visibleTargets(Collection<RegisteredTarget> targets) {
        return targets.stream().filter(target -> mayView(target.name())).toList();
    }

}
