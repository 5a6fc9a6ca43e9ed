package com.cksconsole.keystore.web;

import java.time.Clock;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.KmsTarget;
import com.cksconsole.session.SessionVault;

/**
 * The external key store wizards of a session ({@link WizardDrafts}); the secret access
 * key they hold is kept encrypted under the browser's key.
 */
@Component
class XksDraftStore extends WizardDrafts<XksDraft> {

    XksDraftStore(SessionVault vault, Clock clock) {
        super(XksDraftStore.class.getName(), vault, clock);
    }

    XksDraft start(HttpSession session, String username, String targetName, KmsTarget target) {
        return put(session, XksDraft.start(newToken(), username, targetName, target, expiry()));
    }

}
