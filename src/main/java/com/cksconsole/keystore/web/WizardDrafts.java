package com.cksconsole.keystore.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.session.SessionVault;

/**
 * The create wizards of one kind that a session holds, like {@link PendingUpdateStore}
 * holds pending changes: in the user's session, encrypted under a key only the browser
 * holds ({@link SessionVault}: a secret in a draft is never readable from the database
 * alone, and any console instance serves the next step), one user and target per wizard,
 * expiring after {@link #TTL} of inactivity. A finished wizard remembers the store it
 * created, so that a replayed create form leads to that store instead of a second one.
 * {@link XksDraftStore} and {@link CloudHsmDraftStore} are its two kinds.
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

    private final SessionVault vault;

    WizardDrafts(String attribute, SessionVault vault, Clock clock) {
        this.attribute = attribute;
        this.vault = vault;
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
        var now = clock.instant();
        return drafts(session, drafts -> {
            drafts.drafts.values().removeIf(held -> !now.isBefore(held.expiresAt()));
            drafts.drafts.put(draft.id(), draft);
            return draft;
        });
    }

    /** The live draft; only reads the session. */
    @SuppressWarnings("unchecked")
    Optional<D> find(HttpSession session, String username, String targetName, String id) {
        var now = clock.instant();
        return vault.read(session, attribute, Drafts.class)
            .map(holder -> (D) holder.drafts.get(id))
            .filter(draft -> now.isBefore(draft.expiresAt()) && draft.username().equals(username)
                    && draft.targetName().equals(targetName));
    }

    /** Replaces the draft with its changed version (its expiry starts again). */
    D update(HttpSession session, D draft, UnaryOperator<D> change) {
        var renewed = change.apply(draft).renewed(expiry());
        return drafts(session, holder -> {
            holder.drafts.put(draft.id(), renewed);
            return renewed;
        });
    }

    /**
     * Uses up the review form's token: true for exactly one request bringing the current
     * token, false for every other (a double click, a replay, an old page, the same form
     * sent to another instance).
     */
    boolean useToken(HttpSession session, D draft, String token) {
        boolean current = drafts(session, holder -> {
            var held = holder.drafts.get(draft.id());
            if (held == null || held.formToken() == null || !held.formToken().equals(token)) {
                return false;
            }
            holder.drafts.put(draft.id(), held.withFormToken(null));
            return true;
        });
        return current && vault.useOnce(attribute + ":" + token, draft.expiresAt());
    }

    /**
     * The wizard is done: its values and secret are forgotten, the created store kept.
     */
    void finish(HttpSession session, D draft, KeyStoreRef created) {
        drafts(session, holder -> {
            holder.drafts.remove(draft.id());
            return holder.created.put(draft.id(), created);
        });
    }

    /** The store a finished wizard created. */
    Optional<KeyStoreRef> created(HttpSession session, String id) {
        return vault.read(session, attribute, Drafts.class).map(holder -> (KeyStoreRef) holder.created.get(id));
    }

    void discard(HttpSession session, String id) {
        drafts(session, holder -> holder.drafts.remove(id));
    }

    @SuppressWarnings("unchecked")
    private <R> R drafts(HttpSession session, Function<Drafts<D>, R> change) {
        return vault.update(session, attribute, Drafts.class, Drafts::new, holder -> change.apply((Drafts<D>) holder));
    }

    /** What a draft of any kind has for its holder. */
    interface Draft<D> extends Serializable {

        String id();

        String username();

        String targetName();

        @Nullable String formToken();

        Instant expiresAt();

        D withFormToken(@Nullable String token);

        D renewed(Instant newExpiry);

    }

    /** Kept encrypted in the session (see the class comment). */
    private static final class Drafts<D> implements Serializable {

        private static final long serialVersionUID = 1L;

        private final HashMap<String, D> drafts = new HashMap<>();

        private final HashMap<String, KeyStoreRef> created = new HashMap<>();

        @Override
        public String toString() {
            return "WizardDrafts[" + drafts.size() + "]";
        }

    }

}
