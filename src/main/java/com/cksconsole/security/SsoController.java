package com.cksconsole.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sign-in page's provider buttons and the page that explains a refused single
 * sign-on. A button leads here first, so that a provider that cannot be reached gets a
 * sentence on the sign-in page rather than an error from deep inside the OAuth 2.0
 * client.
 */
@Controller
class SsoController {

    static final String REFUSED_VIEW = "sso-refused";

    private final SsoClientRegistrations registrations;

    private final SsoProviders providers;

    SsoController(SsoClientRegistrations registrations, SsoProviders providers) {
        this.registrations = registrations;
        this.providers = providers;
    }

    @GetMapping("/sso/{provider}")
    String start(@PathVariable String provider, Model model, HttpServletResponse response) {
        if (!providers.configured(provider)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (registrations.resolve(provider).isEmpty()) {
            model.addAttribute("unreachableProvider", providers.label(provider));
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return LoginController.VIEW;
        }
        return "redirect:/oauth2/authorization/" + provider;
    }

    /** Shown once: a reload, or a visit without a refusal, shows the sign-in page. */
    @GetMapping(SsoSignInFailures.REFUSED_PAGE)
    String refused(HttpSession session, Model model) {
        if (!(session.getAttribute(SsoRefusal.SESSION_ATTRIBUTE) instanceof SsoRefusal refusal)) {
            return LoginController.VIEW;
        }
        session.removeAttribute(SsoRefusal.SESSION_ATTRIBUTE);
        // Plain values: the template cannot call into this package's own types.
        model.addAttribute("explanation", refusal.explanation());
        model.addAttribute("noRole", refusal.noRole());
        model.addAttribute("provider", refusal.provider());
        model.addAttribute("displayName", refusal.displayName());
        model.addAttribute("groups", refusal.groups());
        return REFUSED_VIEW;
    }

}
