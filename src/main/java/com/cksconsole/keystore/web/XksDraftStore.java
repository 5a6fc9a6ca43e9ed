package com.cksconsole.keystore.web;

import java.time.Clock;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.KmsTarget;

/**
 * The external key store wizards of a session ({@link WizardDrafts}); the secret access
 * key they hold never leaves memory.
 */
@Component
class XksDraftStore extends WizardDrafts<XksDraft> {

    XksDraftStore(Clock clock) {
        super(XksDraftStore.class.getName(), clock);
    }

    XksDraft start(HttpSession session, String username, String targetName, KmsTarget target) {
        return put(session, XksDraft.start(newToken(), username, targetName, target, expiry()));
    }

}
