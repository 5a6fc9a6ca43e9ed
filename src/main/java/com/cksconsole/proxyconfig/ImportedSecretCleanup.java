package com.cksconsole.proxyconfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Clears imported secrets whose reason to exist is gone: signing out ends the session
 * with its secrets, and additionally clears the user's secrets from their other sessions
 * (on every instance: sessions live in the database), erring on the side of forgetting. A
 * session that times out takes its secrets with it.
 */
@Component
class ImportedSecretCleanup {

    private static final Logger log = LoggerFactory.getLogger(ImportedSecretCleanup.class);

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    ImportedSecretCleanup(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        String username = event.getAuthentication().getName();
        int cleared = clear(sessions, username);
        if (cleared > 0) {
            log.info("Discarded the imported XKS proxy secrets of user '{}' in {} other session(s)", username, cleared);
        }
    }

    private static <S extends Session> int clear(FindByIndexNameSessionRepository<S> sessions, String username) {
        int cleared = 0;
        for (S session : sessions.findByPrincipalName(username).values()) {
            if (session.getAttribute(ImportedSecretStore.ATTRIBUTE) != null) {
                session.removeAttribute(ImportedSecretStore.ATTRIBUTE);
                sessions.save(session);
                cleared++;
            }
        }
        return cleared;
    }

}
