package com.cksconsole.keystore.web;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * Holds the CloudHSM key store wizards of a session the way {@link XksDraftStore} holds
 * the external ones (same expiry, same tokens): in a session attribute that is not
 * serializable, so the {@code kmsuser} password never leaves memory.
 */
@Component
class CloudHsmDraftStore {

    private static final String ATTRIBUTE = CloudHsmDraftStore.class.getName();

    private final Clock clock;

    private final XksDraftStore tokens;

    CloudHsmDraftStore(Clock clock, XksDraftStore tokens) {
        this.clock = clock;
        this.tokens = tokens;
    }

    String newToken() {
        return tokens.newToken();
    }

    CloudHsmDraft start(HttpSession session, String username, String targetName, KmsTarget target) {
        var draft = CloudHsmDraft.start(newToken(), username, targetName, target,
                clock.instant().plus(XksDraftStore.TTL));
        drafts(session).drafts.put(draft.id(), draft);
        return draft;
    }

    Optional<CloudHsmDraft> find(HttpSession session, String username, String targetName, String id) {
        var holder = drafts(session);
        var now = clock.instant();
        holder.drafts.values().removeIf(draft -> !now.isBefore(draft.expiresAt()));
        var draft = holder.drafts.get(id);
        if (draft == null || !draft.username().equals(username) || !draft.targetName().equals(targetName)) {
            return Optional.empty();
        }
        return Optional.of(draft);
    }

    CloudHsmDraft update(HttpSession session, CloudHsmDraft draft, UnaryOperator<CloudHsmDraft> change) {
        var renewed = change.apply(draft).renewed(clock.instant().plus(XksDraftStore.TTL));
        drafts(session).drafts.put(draft.id(), renewed);
        return renewed;
    }

    /** True for exactly one request bringing the review page's current token. */
    boolean useToken(HttpSession session, CloudHsmDraft draft, String token) {
        var drafts = drafts(session).drafts;
        var current = drafts.get(draft.id());
        if (current == null || current.formToken() == null || !current.formToken().equals(token)) {
            return false;
        }
        return drafts.replace(draft.id(), current, current.withFormToken(null));
    }

    /**
     * The wizard is done: its values and password are forgotten, the created store kept.
     */
    void finish(HttpSession session, CloudHsmDraft draft, KeyStoreRef created) {
        var holder = drafts(session);
        holder.drafts.remove(draft.id());
        holder.created.put(draft.id(), created);
    }

    Optional<KeyStoreRef> created(HttpSession session, String id) {
        return Optional.ofNullable(drafts(session).created.get(id));
    }

    void discard(HttpSession session, String id) {
        drafts(session).drafts.remove(id);
    }

    private static Drafts drafts(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            var holder = (Drafts) session.getAttribute(ATTRIBUTE);
            if (holder == null) {
                holder = new Drafts();
                session.setAttribute(ATTRIBUTE, holder);
            }
            return holder;
        }
    }

    /** Not serializable on purpose (see the class comment). */
    private static final class Drafts {

        private final Map<String, CloudHsmDraft> drafts = new ConcurrentHashMap<>();

        private final Map<String, KeyStoreRef> created = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return "CloudHsmDrafts[" + drafts.size() + "]";
        }

    }

}
