package com.cksconsole.proxyconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.util.unit.DataSize;

import com.cksconsole.support.MutableClock;
import com.cksconsole.support.SessionVaultFixture;

class ImportedSecretStoreTest {

    private static final String USER = "alice";

    private static final String STORE = "cks-1234567890abcdef0";

    private static final String SECRET = "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs";

    private static final Duration TTL = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    private final SessionVaultFixture vault = new SessionVaultFixture(clock);

    private final ImportedSecretStore store = new ImportedSecretStore(vault.vault(),
            new ProxyConfigurationProperties(DataSize.ofKilobytes(64), TTL), clock);

    private final MockHttpSession session = new MockHttpSession();

    private final MockHttpSession session2 = new MockHttpSession();

    @AfterEach
    void unbind() {
        vault.close();
    }

    @Test
    void theSecretIsHandedOutOnceToItsSessionUserAndStore() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).contains(SECRET);
        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).isEmpty();
        assertNothingHeld();
    }

    @Test
    void anotherSessionIsRefusedAndTheSecretStaysForItsOwner() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, session2, USER, STORE, Optional::of)).isEmpty();
        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void anotherUserIsRefused() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, session, "mallory", STORE, Optional::of)).isEmpty();
        assertThat(store.isPending(handle, session, USER, STORE)).isTrue();
    }

    @Test
    void anotherKeyStoreIsRefused() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, session, USER, "cks-0000000000000000a", Optional::of)).isEmpty();
        assertThat(store.isPending(handle, session, USER, STORE)).isTrue();
    }

    @Test
    void anUnknownHandleGivesNothing() {
        store.hold(session, USER, STORE, SECRET, null);

        assertThat(store.takeWhen("not-a-handle", session, USER, STORE, Optional::of)).isEmpty();
    }

    @Test
    void theSecretIsStillAvailableJustBeforeTheTtlEnds() {
        String handle = store.hold(session, USER, STORE, SECRET, null);
        clock.advance(TTL.minusMillis(1));

        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void theSecretIsGoneExactlyWhenTheTtlEnds() {
        String handle = store.hold(session, USER, STORE, SECRET, null);
        clock.advance(TTL);

        assertThat(store.isPending(handle, session, USER, STORE)).isFalse();
        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).isEmpty();
        assertNothingHeld();
    }

    @Test
    void theConfiguredTtlApplies() {
        var shortLived = new ImportedSecretStore(vault.vault(),
                new ProxyConfigurationProperties(DataSize.ofKilobytes(64), Duration.ofSeconds(30)), clock);
        String handle = shortLived.hold(session, USER, STORE, SECRET, null);
        clock.advance(Duration.ofSeconds(30));

        assertThat(shortLived.takeWhen(handle, session, USER, STORE, Optional::of)).isEmpty();
    }

    @Test
    void pendingSaysUntilWhenWithoutRevealingTheSecret() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        assertThat(store.pending(handle, session, USER, STORE).map(ImportedSecretStore.PendingSecret::expiresAt))
            .contains(clock.instant().plus(TTL));
        assertThat(store.isPending(handle, session2, USER, STORE)).isFalse();
        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).as("peeking does not use it up")
            .contains(SECRET);
        assertThat(store.isPending(handle, session, USER, STORE)).isFalse();
    }

    @Test
    void discardForgetsTheSecret() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        store.discard(session, handle);

        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).isEmpty();
        assertNothingHeld();
    }

    @Test
    void aNewUploadForTheSameSessionUserAndStoreReplacesThePreviousSecret() {
        String first = store.hold(session, USER, STORE, SECRET, null);
        String second = store.hold(session, USER, STORE, SECRET.replace('d', 'e'), null);

        assertThat(store.takeWhen(first, session, USER, STORE, Optional::of)).isEmpty();
        assertThat(store.takeWhen(second, session, USER, STORE, Optional::of)).contains(SECRET.replace('d', 'e'));
    }

    @Test
    void handlesAreUrlSafeRandomAnd128Bits() {
        Set<String> handles = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            handles.add(store.hold(new MockHttpSession(), USER, STORE, SECRET, null));
        }

        assertThat(handles).hasSize(200).allSatisfy(handle -> assertThat(handle).matches("[A-Za-z0-9_-]{22}"));
    }

    @Test
    void theHandleDoesNotContainTheSecret() {
        assertThat(store.hold(session, USER, STORE, SECRET, null)).doesNotContain(SECRET.substring(0, 8));
    }

    @Test
    void takeWhenHandsTheSecretToAUseThatSucceedsAndForgetsIt() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, session, USER, STORE, secret -> Optional.of(secret.length())))
            .contains(SECRET.length());
        assertThat(store.isPending(handle, session, USER, STORE)).isFalse();
        assertNothingHeld();
    }

    @Test
    void takeWhenKeepsTheSecretUnderTheSameHandleAndExpiryWhenTheUseRefuses() {
        String handle = store.hold(session, USER, STORE, SECRET, null);
        var expiry = store.pending(handle, session, USER, STORE)
            .map(ImportedSecretStore.PendingSecret::expiresAt)
            .orElseThrow();
        clock.advance(Duration.ofMinutes(3));

        assertThat(store.takeWhen(handle, session, USER, STORE, secret -> Optional.empty())).isEmpty();

        assertThat(store.pending(handle, session, USER, STORE).map(ImportedSecretStore.PendingSecret::expiresAt))
            .as("no extension on refusal")
            .contains(expiry);
        assertThat(store.takeWhen(handle, session, USER, STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void takeWhenDoesNotCallTheUseForAnotherSessionUserOrStoreNorAfterExpiry() {
        String handle = store.hold(session, USER, STORE, SECRET, null);
        var calls = new AtomicInteger();

        assertThat(store.takeWhen(handle, session2, USER, STORE, secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();
        assertThat(store.takeWhen(handle, session, "mallory", STORE, secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();
        assertThat(store.takeWhen(handle, session, USER, "cks-0000000000000000a",
                secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();
        clock.advance(TTL);
        assertThat(store.takeWhen(handle, session, USER, STORE, secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();

        assertThat(calls).hasValue(0);
    }

    @Test
    void takeWhenGivesNothingWhenTheSecretWasTakenWhileTheUseRan() {
        String handle = store.hold(session, USER, STORE, SECRET, null);

        var result = store.takeWhen(handle, session, USER, STORE, secret -> {
            store.takeWhen(handle, session, USER, STORE, Optional::of); // a concurrent
                                                                        // double submit
                                                                        // wins the race
            return Optional.of("change");
        });

        assertThat(result).isEmpty();
    }

    @Test
    void theSourceTravelsWithTheSecretAndIsShownWithoutIt() {
        var source = new ProxyConfigurationSource(ProxyConfigurationSource.Origin.UPLOADED_FILE, "proxy.json", 312,
                "ab".repeat(32));
        String handle = store.hold(session, USER, STORE, SECRET, source);

        assertThat(store.pending(handle, session, USER, STORE)).hasValueSatisfying(pending -> {
            assertThat(pending.source()).isEqualTo(source);
            assertThat(pending.expiresAt()).isEqualTo(clock.instant().plus(TTL));
            assertThat(pending.toString()).doesNotContain(SECRET);
        });
        assertThat(store.pending(handle, session2, USER, STORE)).isEmpty();
        assertThat(store.pending(store.hold(session, USER, "cks-0000000000000000a", SECRET, null), session, USER,
                "cks-0000000000000000a"))
            .hasValueSatisfying(pending -> assertThat(pending.source()).isNull());
    }

    /** Nothing is left in the session: no entry, only the (empty) encrypted holder. */
    private void assertNothingHeld() {
        assertThat(store.isPending("any", session, USER, STORE)).isFalse();
        assertThat(session.getAttribute(ImportedSecretStore.ATTRIBUTE)).isNotNull().asString().doesNotContain(SECRET);
    }

}
