package com.cksconsole.home;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.cksconsole.keystore.KeyStoreService;
import com.cksconsole.keystore.KmsCallException;

/** The signed-in landing page: an overview of the custom key stores (from the shared snapshot). */
@Controller
class HomeController {

    static final String VIEW = "home";

    private static final String VIEWER_AUTHORITY = "ROLE_VIEWER";

    private final KeyStoreService keyStores;
    private final RoleHierarchy roleHierarchy;

    HomeController(KeyStoreService keyStores, RoleHierarchy roleHierarchy) {
        this.keyStores = keyStores;
        this.roleHierarchy = roleHierarchy;
    }

    @GetMapping("/")
    String home(Model model, Authentication user) {
        // An AUDITOR sees the audit log, not the key stores (separation of duties): no KMS call for them.
        boolean seesKeyStores = roleHierarchy.getReachableGrantedAuthorities(user.getAuthorities()).stream()
                .anyMatch(authority -> VIEWER_AUTHORITY.equals(authority.getAuthority()));
        model.addAttribute("seesKeyStores", seesKeyStores);
        if (!seesKeyStores) {
            return VIEW;
        }
        try {
            var read = keyStores.list();
            model.addAttribute("stores", read.snapshot().stores());
            model.addAttribute("snapshot", read);
        } catch (KmsCallException e) {
            // The overview stays up; the key store list page explains the failure and offers a retry.
            model.addAttribute("kmsErrorCode", e.failure().errorCode());
        }
        return VIEW;
    }
}
