package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.SessionVaultFixture;
import com.cksconsole.support.TestTargets;

/**
 * Pending changes are per user and store, one use, short-lived, and never leave the
 * session as text.
 */
class PendingUpdateStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final SessionVaultFixture vault = new SessionVaultFixture(clock);

    private final PendingUpdateStore store = new PendingUpdateStore(vault.vault(), clock);

    @AfterEach
    void unbind() {
        vault.close();
    }

    private final MockHttpSession session = new MockHttpSession();

    private final com.cksconsole.keystore.CustomKeyStore hsm = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED);

    private final CloudHsmChange change = CloudHsmChange.between(hsm, null, "PaymentsDr77", null);

    private final CloudHsmUpdateForm form = new CloudHsmUpdateForm(null, "PaymentsDr77", null, hsm.fingerprint());

    @Test
    void aPendingChangeCanBeTakenOnce() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        assertThat(store.take(session, "alice", TestTargets.ref(hsm.id()), token)).get()
            .satisfies(p -> assertThat(p.change()).isInstanceOf(CloudHsmChange.class));
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
    void theKeptFormHasNoSecretAndTheSessionHoldsOnlyCiphertext() throws Exception {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        var pending = store.peek(session, "alice", TestTargets.ref(hsm.id()), token).orElseThrow();
        assertThat(((CloudHsmUpdateForm) pending.form()).keyStorePassword()).isNull();
        assertThat(pending.toString()).doesNotContain("PaymentsDr77");
        // What a session store writes to the database: each attribute serialized.
        for (String name : java.util.Collections.list(session.getAttributeNames())) {
            var bytes = new java.io.ByteArrayOutputStream();
            try (var out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(session.getAttribute(name));
            }
            assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).as(name)
                .doesNotContain("PaymentsDr77")
                .doesNotContain("PendingUpdate");
        }
    }

    @Test
    void tokensAreLongAndUnguessable() {
        String token = store.put(session, "alice", TestTargets.ref(hsm.id()), hsm, change, form);
        assertThat(token).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
    }

}
