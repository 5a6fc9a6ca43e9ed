package com.cksconsole.keystore.web;

import java.time.Clock;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.KmsTarget;

/**
 * The CloudHSM key store wizards of a session ({@link WizardDrafts}); the {@code kmsuser}
 * password they hold never leaves memory.
 */
@Component
class CloudHsmDraftStore extends WizardDrafts<CloudHsmDraft> {

    CloudHsmDraftStore(Clock clock) {
        super(CloudHsmDraftStore.class.getName(), clock);
    }

    CloudHsmDraft start(HttpSession session, String username, String targetName, KmsTarget target) {
        return put(session, CloudHsmDraft.start(newToken(), username, targetName, target, expiry()));
    }

}
