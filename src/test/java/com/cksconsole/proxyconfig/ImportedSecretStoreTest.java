package com.cksconsole.proxyconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.http.HttpSessionEvent;

import com.cksconsole.support.MutableClock;

class ImportedSecretStoreTest {

    private static final String SESSION = "session-1";

    private static final String USER = "alice";

    private static final String STORE = "cks-1234567890abcdef0";

    private static final String SECRET = "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs";

    private static final Duration TTL = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    private final ImportedSecretStore store = new ImportedSecretStore(
            new ProxyConfigurationProperties(DataSize.ofKilobytes(64), TTL), clock);

    @Test
    void theSecretIsHandedOutOnceToItsSessionUserAndStore() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).contains(SECRET);
        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).isEmpty();
        assertNothingHeld();
    }

    @Test
    void anotherSessionIsRefusedAndTheSecretStaysForItsOwner() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, "session-2", USER, STORE, Optional::of)).isEmpty();
        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void anotherUserIsRefused() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, SESSION, "mallory", STORE, Optional::of)).isEmpty();
        assertThat(store.isPending(handle, SESSION, USER, STORE)).isTrue();
    }

    @Test
    void anotherKeyStoreIsRefused() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, SESSION, USER, "cks-0000000000000000a", Optional::of)).isEmpty();
        assertThat(store.isPending(handle, SESSION, USER, STORE)).isTrue();
    }

    @Test
    void anUnknownHandleGivesNothing() {
        store.hold(SESSION, USER, STORE, SECRET, null);

        assertThat(store.takeWhen("not-a-handle", SESSION, USER, STORE, Optional::of)).isEmpty();
    }

    @Test
    void theSecretIsStillAvailableJustBeforeTheTtlEnds() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);
        clock.advance(TTL.minusMillis(1));

        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void theSecretIsGoneExactlyWhenTheTtlEnds() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);
        clock.advance(TTL);

        assertThat(store.isPending(handle, SESSION, USER, STORE)).isFalse();
        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).isEmpty();
        assertNothingHeld();
    }

    @Test
    void theConfiguredTtlApplies() {
        var shortLived = new ImportedSecretStore(
                new ProxyConfigurationProperties(DataSize.ofKilobytes(64), Duration.ofSeconds(30)), clock);
        String handle = shortLived.hold(SESSION, USER, STORE, SECRET, null);
        clock.advance(Duration.ofSeconds(30));

        assertThat(shortLived.takeWhen(handle, SESSION, USER, STORE, Optional::of)).isEmpty();
    }

    @Test
    void pendingSaysUntilWhenWithoutRevealingTheSecret() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        assertThat(store.pendingUntil(handle, SESSION, USER, STORE)).contains(clock.instant().plus(TTL));
        assertThat(store.isPending(handle, "session-2", USER, STORE)).isFalse();
        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).as("peeking does not use it up")
            .contains(SECRET);
        assertThat(store.isPending(handle, SESSION, USER, STORE)).isFalse();
    }

    @Test
    void discardForgetsTheSecret() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        store.discard(handle);

        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).isEmpty();
        assertNothingHeld();
    }

    @Test
    void aNewUploadForTheSameSessionUserAndStoreReplacesThePreviousSecret() {
        String first = store.hold(SESSION, USER, STORE, SECRET, null);
        String second = store.hold(SESSION, USER, STORE, SECRET.replace('d', 'e'), null);

        assertThat(store.takeWhen(first, SESSION, USER, STORE, Optional::of)).isEmpty();
        assertThat(store.takeWhen(second, SESSION, USER, STORE, Optional::of)).contains(SECRET.replace('d', 'e'));
    }

    @Test
    void discardSessionForgetsOnlyThatSessionsSecrets() {
        String mine = store.hold(SESSION, USER, STORE, SECRET, null);
        String otherStore = store.hold(SESSION, USER, "cks-0000000000000000a", SECRET, null);
        String otherSession = store.hold("session-2", USER, STORE, SECRET, null);

        store.discardSession(SESSION);

        assertThat(store.takeWhen(mine, SESSION, USER, STORE, Optional::of)).isEmpty();
        assertThat(store.takeWhen(otherStore, SESSION, USER, "cks-0000000000000000a", Optional::of)).isEmpty();
        assertThat(store.takeWhen(otherSession, "session-2", USER, STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void aDestroyedHttpSessionClearsItsSecrets() {
        var cleanup = new ImportedSecretCleanup(store);
        var session = new MockHttpSession(null, SESSION);
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        cleanup.sessionDestroyed(new HttpSessionEvent(session));

        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).isEmpty();
    }

    @Test
    void signingOutClearsTheUsersSecretsInEverySession() {
        var cleanup = new ImportedSecretCleanup(store);
        String mine = store.hold(SESSION, USER, STORE, SECRET, null);
        String myOtherSession = store.hold("session-2", USER, STORE, SECRET, null);
        String someoneElses = store.hold("session-3", "bob", STORE, SECRET, null);

        cleanup.onLogout(new LogoutSuccessEvent(new TestingAuthenticationToken(USER, null)));

        assertThat(store.takeWhen(mine, SESSION, USER, STORE, Optional::of)).isEmpty();
        assertThat(store.takeWhen(myOtherSession, "session-2", USER, STORE, Optional::of)).isEmpty();
        assertThat(store.takeWhen(someoneElses, "session-3", "bob", STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void purgeRemovesExactlyTheExpiredSecrets() {
        store.hold(SESSION, USER, STORE, SECRET, null);
        clock.advance(Duration.ofMinutes(5));
        String younger = store.hold("session-2", USER, STORE, SECRET, null);
        clock.advance(Duration.ofMinutes(5));

        assertThat(store.purgeExpired()).isEqualTo(1);
        assertThat(store.isPending(younger, "session-2", USER, STORE)).isTrue();
        assertThat(store.takeWhen(younger, "session-2", USER, STORE, Optional::of)).contains(SECRET);
        assertNothingHeld();
    }

    @Test
    void thePeriodicPurgeGoesThroughTheStore() {
        var cleanup = new ImportedSecretCleanup(store);
        store.hold(SESSION, USER, STORE, SECRET, null);
        clock.advance(TTL);

        cleanup.purgeExpired();

        assertNothingHeld();
    }

    @Test
    void handlesAreUrlSafeRandomAnd128Bits() {
        Set<String> handles = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            handles.add(store.hold("session-" + i, USER, STORE, SECRET, null));
        }

        assertThat(handles).hasSize(200).allSatisfy(handle -> assertThat(handle).matches("[A-Za-z0-9_-]{22}"));
    }

    @Test
    void theHandleDoesNotContainTheSecret() {
        assertThat(store.hold(SESSION, USER, STORE, SECRET, null)).doesNotContain(SECRET.substring(0, 8));
    }

    @Test
    void takeWhenHandsTheSecretToAUseThatSucceedsAndForgetsIt() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        assertThat(store.takeWhen(handle, SESSION, USER, STORE, secret -> Optional.of(secret.length())))
            .contains(SECRET.length());
        assertThat(store.isPending(handle, SESSION, USER, STORE)).isFalse();
        assertNothingHeld();
    }

    @Test
    void takeWhenKeepsTheSecretUnderTheSameHandleAndExpiryWhenTheUseRefuses() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);
        var expiry = store.pendingUntil(handle, SESSION, USER, STORE).orElseThrow();
        clock.advance(Duration.ofMinutes(3));

        assertThat(store.takeWhen(handle, SESSION, USER, STORE, secret -> Optional.empty())).isEmpty();

        assertThat(store.pendingUntil(handle, SESSION, USER, STORE)).as("no extension on refusal").contains(expiry);
        assertThat(store.takeWhen(handle, SESSION, USER, STORE, Optional::of)).contains(SECRET);
    }

    @Test
    void takeWhenDoesNotCallTheUseForAnotherSessionUserOrStoreNorAfterExpiry() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);
        var calls = new AtomicInteger();

        assertThat(store.takeWhen(handle, "session-2", USER, STORE, secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();
        assertThat(store.takeWhen(handle, SESSION, "mallory", STORE, secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();
        assertThat(store.takeWhen(handle, SESSION, USER, "cks-0000000000000000a",
                secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();
        clock.advance(TTL);
        assertThat(store.takeWhen(handle, SESSION, USER, STORE, secret -> Optional.of(calls.incrementAndGet())))
            .isEmpty();

        assertThat(calls).hasValue(0);
        assertThat(store.purgeExpired()).as("the expired secret was removed on the way").isZero();
    }

    @Test
    void takeWhenGivesNothingWhenTheSecretWasTakenWhileTheUseRan() {
        String handle = store.hold(SESSION, USER, STORE, SECRET, null);

        var result = store.takeWhen(handle, SESSION, USER, STORE, secret -> {
            store.takeWhen(handle, SESSION, USER, STORE, Optional::of); // a concurrent
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
        String handle = store.hold(SESSION, USER, STORE, SECRET, source);

        assertThat(store.pending(handle, SESSION, USER, STORE)).hasValueSatisfying(pending -> {
            assertThat(pending.source()).isEqualTo(source);
            assertThat(pending.expiresAt()).isEqualTo(clock.instant().plus(TTL));
            assertThat(pending.toString()).doesNotContain(SECRET);
        });
        assertThat(store.pending(handle, "session-2", USER, STORE)).isEmpty();
        assertThat(store.pending(store.hold(SESSION, USER, "cks-0000000000000000a", SECRET, null), SESSION, USER,
                "cks-0000000000000000a"))
            .hasValueSatisfying(pending -> assertThat(pending.source()).isNull());
    }

    /**
     * Nothing is left in memory: even once every secret has expired, there is nothing to
     * purge.
     */
    private void assertNothingHeld() {
        clock.advance(TTL);
        assertThat(store.purgeExpired()).isZero();
    }

}
