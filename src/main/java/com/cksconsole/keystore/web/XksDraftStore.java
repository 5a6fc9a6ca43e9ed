package com.cksconsole.keystore.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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
 * Holds the external key store wizards of a session, like {@link PendingUpdateStore}
 * holds pending changes: in the user's HTTP session, in an attribute that is not
 * {@link java.io.Serializable} (a container that persists or replicates sessions skips
 * it, so the secret access key never goes to disk or the network), one user and target
 * per wizard, expiring after {@link #TTL} of inactivity. A finished wizard remembers the
 * store it created, so that a replayed create form leads to that store instead of a
 * second one.
 */
@Component
class XksDraftStore {

    /**
     * Long enough to fill in the steps, short enough that a forgotten tab drops the
     * secret.
     */
    static final Duration TTL = Duration.ofMinutes(30);

    private static final String ATTRIBUTE = XksDraftStore.class.getName();

    private static final int TOKEN_BYTES = 24;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    XksDraftStore(Clock clock) {
        this.clock = clock;
    }

    String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    XksDraft start(HttpSession session, String username, String targetName, KmsTarget target) {
        var draft = XksDraft.start(newToken(), username, targetName, target, clock.instant().plus(TTL));
        drafts(session).drafts.put(draft.id(), draft);
        return draft;
    }

    Optional<XksDraft> find(HttpSession session, String username, String targetName, String id) {
        var holder = drafts(session);
        var now = clock.instant();
        holder.drafts.values().removeIf(draft -> !now.isBefore(draft.expiresAt()));
        var draft = holder.drafts.get(id);
        if (draft == null || !draft.username().equals(username) || !draft.targetName().equals(targetName)) {
            return Optional.empty();
        }
        return Optional.of(draft);
    }

    /** Replaces the draft with its changed version (its expiry starts again). */
    XksDraft update(HttpSession session, XksDraft draft, UnaryOperator<XksDraft> change) {
        var changed = change.apply(draft);
        var renewed = new XksDraft(changed.id(), changed.username(), changed.targetName(), changed.target(),
                changed.name(), changed.connectivity(), changed.vpcEndpointServiceName(),
                changed.vpcEndpointServiceOwner(), changed.uriEndpoint(), changed.uriPath(), changed.accessKeyId(),
                changed.secret(), changed.importedFrom(), changed.preflight(), changed.formToken(),
                clock.instant().plus(TTL));
        drafts(session).drafts.put(draft.id(), renewed);
        return renewed;
    }

    /**
     * Uses up the review form's token: true for exactly one request bringing the current
     * token, false for every other (a double click, a replay, an old page).
     */
    boolean useToken(HttpSession session, XksDraft draft, String token) {
        var drafts = drafts(session).drafts;
        var current = drafts.get(draft.id());
        if (current == null || current.formToken() == null || !current.formToken().equals(token)) {
            return false;
        }
        return drafts.replace(draft.id(), current, current.withFormToken(null));
    }

    /**
     * The wizard is done: its values and secret are forgotten, the created store kept.
     */
    void finish(HttpSession session, XksDraft draft, KeyStoreRef created) {
        var holder = drafts(session);
        holder.drafts.remove(draft.id());
        holder.created.put(draft.id(), created);
    }

    /** The store a finished wizard created. */
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

        private final Map<String, XksDraft> drafts = new ConcurrentHashMap<>();

        private final Map<String, KeyStoreRef> created = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return "XksDrafts[" + drafts.size() + "]";
        }

    }

}
