package com.cksconsole.security;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The identity providers configured under {@code console.sso.providers}, for pages that
 * name them (the sign-in page, the group mappings). Never their secrets.
 */
@Component
public class SsoProviders {

    private final List<SsoProvider> providers;

    SsoProviders(SsoProperties properties) {
        this.providers = properties.providers()
            .entrySet()
            .stream()
            .map(entry -> new SsoProvider(entry.getKey(), entry.getValue().label(entry.getKey())))
            .sorted(Comparator.comparing(SsoProvider::id))
            .toList();
    }

    /** By ID; empty: single sign-on is off. */
    public List<SsoProvider> all() {
        return providers;
    }

    public boolean configured(String id) {
        return providers.stream().anyMatch(provider -> provider.id().equals(id));
    }

    /** The label of a configured provider; its ID for one no longer configured. */
    public String label(String id) {
        return providers.stream()
            .filter(provider -> provider.id().equals(id))
            .map(SsoProvider::displayName)
            .findFirst()
            .orElse(id);
    }

    /**
     * @param id the registration ID ({@code console.sso.providers.<id>})
     * @param displayName the label the sign-in page shows
     */
    public record SsoProvider(String id, String displayName) {
    }

}
