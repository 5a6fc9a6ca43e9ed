package com.cksconsole.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetPermissions;

/**
 * {@link TargetPermissions} of the current request's user, from the authorities their
 * session was signed in with (the global roles and one authority per grant, see
 * {@link TargetRights}). Reads the security context at each call: one bean serves every
 * request. The session's authorities are current: a change of the user's roles or grants
 * ends the session ({@link SessionRightsFilter}).
 */
class GrantedTargetPermissions implements TargetPermissions {

    private final RoleHierarchy hierarchy;

    GrantedTargetPermissions(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    private TargetRights current() {
        return current(hierarchy);
    }

    /** The signed-in user's rights, once per request (see {@link TargetRights#of}). */
    static TargetRights current(RoleHierarchy hierarchy) {
        var authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        return TargetRights.of(authentication, hierarchy,
                RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                        ? attributes.getRequest() : null);
    }

    @Override
    public boolean mayView(TargetName target) {
        return current().mayView(target.value());
    }

    @Override
    public boolean mayChange(TargetName target) {
        return current().mayChange(target.value());
    }

    @Override
    public boolean mayChangeRequestedTarget() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return false;
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        Object target = variables instanceof Map<?, ?> map ? map.get(TargetAuthorization.TARGET_VARIABLE) : null;
        var rights = current();
        // No {target}: an old single-target URL, which only a right on every target may
        // change through.
        return target instanceof String name ? rights.mayChange(name) : rights.mayChangeEverywhere();
    }

    @Override
    public boolean mayViewAny() {
        return current().mayViewAny();
    }

    @Override
    public List<TargetName> visible(Collection<TargetName> targets) {
        var rights = current();
        return targets.stream().filter(target -> rights.mayView(target.value())).toList();
    }

}
