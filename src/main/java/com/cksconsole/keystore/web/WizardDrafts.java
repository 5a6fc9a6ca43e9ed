package com.cksconsole.keystore.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.WebUtils;

import com.cksconsole.kms.KeyStoreRef;

/**
 * The create wizards of one kind that a session holds, like {@link PendingUpdateStore}
 * holds pending changes: in the user's HTTP session, in an attribute that is not
 * {@link java.io.Serializable} (a container that persists or replicates sessions skips
 * it, so a secret in a draft never goes to disk or the network), one user and target per
 * wizard, expiring after {@link #TTL} of inactivity. A finished wizard remembers the
 * store it created, so that a replayed create form leads to that store instead of a
 * second one. {@link XksDraftStore} and {@link CloudHsmDraftStore} are its two kinds.
 *
 * @param <D> the kind of draft
 */
class WizardDrafts<D extends WizardDrafts.Draft<D>> {

    /**
     * Long enough to fill in the steps, short enough that a forgotten tab drops the
     * secret.
     */
    static final Duration TTL = Duration.ofMinutes(30);

    private static final int TOKEN_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String attribute;

    private final Clock clock;

    WizardDrafts(String attribute, Clock clock) {
        this.attribute = attribute;
        this.clock = clock;
    }

    /** A wizard's ID or a review form's one-use token: 24 random bytes. */
    String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** When a draft started or changed now expires. */
    Instant expiry() {
        return clock.instant().plus(TTL);
    }

    /** Holds a new draft. */
    D put(HttpSession session, D draft) {
        drafts(session).drafts.put(draft.id(), draft);
        return draft;
    }

    Optional<D> find(HttpSession session, String username, String targetName, String id) {
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
    D update(HttpSession session, D draft, UnaryOperator<D> change) {
        var renewed = change.apply(draft).renewed(expiry());
        drafts(session).drafts.put(draft.id(), renewed);
        return renewed;
    }

    /**
     * Uses up the review form's token: true for exactly one request bringing the current
     * token, false for every other (a double click, a replay, an old page).
     */
    boolean useToken(HttpSession session, D draft, String token) {
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
    void finish(HttpSession session, D draft, KeyStoreRef created) {
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

    @SuppressWarnings("unchecked")
    private Drafts<D> drafts(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            var holder = (Drafts<D>) session.getAttribute(attribute);
            if (holder == null) {
                holder = new Drafts<>();
                session.setAttribute(attribute, holder);
            }
            return holder;
        }
    }

    /** What a draft of any kind has for its holder. */
    interface Draft<D> {

        String id();

        String username();

        String targetName();

        @Nullable String formToken();

        Instant expiresAt();

        D withFormToken(@Nullable String token);

        D renewed(Instant newExpiry);

    }

    /** Not serializable on purpose (see the class comment). */
    private static final class Drafts<D> {

        private final Map<String, D> drafts = new ConcurrentHashMap<>();

        private final Map<String, KeyStoreRef> created = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return "WizardDrafts[" + drafts.size() + "]";
        }

    }

}
