package com.cksconsole.home;

import jakarta.servlet.http.HttpSession;

import com.cksconsole.keystore.KmsTargets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;

import com.cksconsole.targets.TargetPermissions;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in landing page: the overview of the key stores ({@link DashboardService}).
 */
@Controller
class HomeController {

    static final String VIEW = "home";

    private static final String VIEWER_AUTHORITY = "ROLE_VIEWER";

    private final DashboardService dashboard;

    private final RoleHierarchy roleHierarchy;

    /** Rights per target (absent in slice tests: the global roles decide then). */
    private final SingletonSupplier<TargetPermissions> permissions;

    HomeController(DashboardService dashboard, RoleHierarchy roleHierarchy,
            ObjectProvider<TargetPermissions> permissions) {
        this.permissions = SingletonSupplier.of(permissions::getIfAvailable);
        this.dashboard = dashboard;
        this.roleHierarchy = roleHierarchy;
    }

    @GetMapping("/")
    String home(Model model, Authentication user, HttpSession session) {
        // An AUDITOR sees the audit log, not the key stores (separation of duties): no
        // KMS call for them.
        TargetPermissions perTarget = permissions.get();
        boolean seesKeyStores = perTarget != null ? perTarget.mayViewAny()
                : roleHierarchy.getReachableGrantedAuthorities(user.getAuthorities())
                    .stream()
                    .anyMatch(authority -> VIEWER_AUTHORITY.equals(authority.getAuthority()));
        model.addAttribute("seesKeyStores", seesKeyStores);
        // The header's choice of target (kept by the key store list), or every target.
        Object choice = session.getAttribute(KmsTargets.CHOICE);
        model.addAttribute("overview",
                dashboard.overview(seesKeyStores, choice instanceof String chosen ? chosen : null));
        return VIEW;
    }

}
