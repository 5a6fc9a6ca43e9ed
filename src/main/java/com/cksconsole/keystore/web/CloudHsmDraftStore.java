package com.cksconsole.keystore.web;

import java.time.Clock;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.KmsTarget;
import com.cksconsole.session.SessionVault;

/**
 * The CloudHSM key store wizards of a session ({@link WizardDrafts}); the {@code kmsuser}
 * password they hold is kept encrypted under the browser's key.
 */
@Component
class CloudHsmDraftStore extends WizardDrafts<CloudHsmDraft> {

    CloudHsmDraftStore(SessionVault vault, Clock clock) {
        super(CloudHsmDraftStore.class.getName(), vault, clock);
    }

    CloudHsmDraft start(HttpSession session, String username, String targetName, KmsTarget target) {
        return put(session, CloudHsmDraft.start(newToken(), username, targetName, target, expiry()));
    }

}
