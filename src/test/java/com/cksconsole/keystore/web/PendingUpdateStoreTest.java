package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * Pending changes are per user and store, one use, short-lived, and never leave the
 * session as text.
 */
class PendingUpdateStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final PendingUpdateStore store = new PendingUpdateStore(clock);

    private final MockHttpSession session = new MockHttpSession();

    private final com.cksconsole.keystore.CustomKeyStore hsm = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);

    private final CloudHsmChange change = CloudHsmChange.between(hsm, null, "PaymentsDr77", null);

    private final CloudHsmUpdateForm form = new CloudHsmUpdateForm(null, "PaymentsDr77", null, hsm.fingerprint());

    @Test
    void aPendingChangeCanBeTakenOnce() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        assertThat(store.take(session, "alice", TestTargets.ref(hsm.id()), token)).get()
            .satisfies(p -> assertThat(p.change()).isSameAs(change));
        assertThat(store.take(session, "alice", TestTargets.ref(hsm.id()), token)).isEmpty();
    }

    @Test
    void peekingDoesNotUseItUp() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        assertThat(store.peek(session, "alice", TestTargets.ref(hsm.id()), token)).isPresent();
        assertThat(store.take(session, "alice", TestTargets.ref(hsm.id()), token)).isPresent();
    }

    @Test
    void anotherUserOrStoreCannotUseTheToken() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        assertThat(store.take(session, "bob", TestTargets.ref(hsm.id()), token)).isEmpty();
        assertThat(store.take(session, "alice", TestTargets.ref(TestKeyStores.XKS_PUBLIC_ID), token)).isEmpty();
        assertThat(store.take(session, "alice", TestTargets.ref(hsm.id()), token)).as("still there for its owner")
            .isPresent();
    }

    @Test
    void itExpiresAfterItsTimeToLive() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        clock.advance(PendingUpdateStore.TTL.minusSeconds(1));
        assertThat(store.peek(session, "alice", TestTargets.ref(hsm.id()), token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.take(session, "alice", TestTargets.ref(hsm.id()), token)).isEmpty();
    }

    @Test
    void aNewChangeOfTheSameUserAndStoreReplacesTheEarlierOne() {
        String first = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        String second = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        assertThat(second).isNotEqualTo(first);
        assertThat(store.peek(session, "alice", TestTargets.ref(hsm.id()), first)).isEmpty();
        assertThat(store.peek(session, "alice", TestTargets.ref(hsm.id()), second)).isPresent();
    }

    @Test
    void theKeptFormHasNoSecretAndTheSessionAttributeIsNotSerializable() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        var pending = store.peek(session, "alice", TestTargets.ref(hsm.id()), token).orElseThrow();
        assertThat(((CloudHsmUpdateForm) pending.form()).keyStorePassword()).isNull();
        assertThat(pending.toString()).doesNotContain("PaymentsDr77");
        var names = java.util.Collections.list(session.getAttributeNames());
        assertThat(names)
            .allSatisfy(name -> assertThat(session.getAttribute(name)).isNotInstanceOf(java.io.Serializable.class));
    }

    @Test
    void tokensAreLongAndUnguessable() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        assertThat(token).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
    }

}
