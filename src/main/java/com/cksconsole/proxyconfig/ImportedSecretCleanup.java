package com.cksconsole.proxyconfig;

import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Clears imported secrets whose reason to exist is gone. As an
 * {@link HttpSessionListener} bean it is registered with the servlet container by Spring
 * Boot, so it sees every session end (sign-out invalidates the session; so does the
 * session timeout) without relying on an {@code HttpSessionEventPublisher}. Sign-out
 * additionally clears the user's secrets from other sessions, erring on the side of
 * forgetting.
 */
@Component
class ImportedSecretCleanup implements HttpSessionListener {

    private final ImportedSecretStore store;

    ImportedSecretCleanup(ImportedSecretStore store) {
        this.store = store;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        store.discardSession(event.getSession().getId());
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        store.discardUser(event.getAuthentication().getName());
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void purgeExpired() {
        store.purgeExpired();
    }

}
