package com.cksconsole.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the sign-in page offers, wherever it is rendered from: a button per identity
 * provider and, as {@code console.sso.local-sign-in} allows, the password form.
 */
@ControllerAdvice(assignableTypes = { LoginController.class, SsoController.class })
class SignInPageAdvice {

    private final List<SsoProviders.SsoProvider> providers;

    private final SsoProperties.LocalSignIn localSignIn;

    SignInPageAdvice(ObjectProvider<SsoProviders> providers, ObjectProvider<SsoProperties> properties) {
        var configured = providers.getIfAvailable();
        this.providers = configured == null ? List.of() : configured.all();
        this.localSignIn = properties.getIfAvailable(SsoProperties::off).localSignIn();
    }

    @ModelAttribute("ssoProviders")
    List<SsoProviders.SsoProvider> ssoProviders() {
        return providers;
    }

    /** {@code ALL}, {@code ADMIN_ONLY} or {@code NONE}. */
    @ModelAttribute("localSignIn")
    String localSignIn() {
        return localSignIn.name();
    }

}
