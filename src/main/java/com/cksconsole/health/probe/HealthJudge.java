package com.cksconsole.health.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.StoreHealthChanged;
import com.cksconsole.health.probe.HealthRepository.SampleRow;
import com.cksconsole.health.probe.HealthRepository.StatusRow;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.targets.Target;

/**
 * Judges one store from what is recorded and writes the verdict to its status row; when
 * the level changed (compare-and-set on the old level, so one instance wins), publishes
 * {@link StoreHealthChanged} after the write is committed.
 */
class HealthJudge {

    private final HealthRepository repository;

    private final HealthRules rules;

    private final HealthProperties properties;

    private final ProxyCredentialAges credentialAges;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    HealthJudge(HealthRepository repository, HealthRules rules, HealthProperties properties,
            ProxyCredentialAges credentialAges, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.properties = properties;
        this.credentialAges = credentialAges;
        this.events = events;
        this.clock = clock;
    }

    /** Judges the store again; the event published, if any. */
    Optional<StoreHealthChanged> rejudge(KeyStoreRef store) {
        var found = repository.status(store);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StatusRow row = found.get();
        Instant now = clock.instant();
        Instant hourAgo = now.minus(HealthRules.RECENT);
        List<String> outcomes = repository.recentOutcomes(store, hourAgo, properties.failuresToFail());
        List<Long> latencies = repository.samples(store, hourAgo, now.plusMillis(1))
            .stream()
            .map(SampleRow::latencyMillis)
            .toList();
        // The keystore module's records of the credential's changes and the target's
        // rotation policy (docs/health.md, "Credential age").
        @Nullable ProxyCredentialAge credential = row.external() ? credentialAges.age(store) : null;
        @Nullable Duration credentialAge = credential == null ? null : credential.age().orElse(null);
        Duration policy = credential == null ? Duration.ofDays(Target.DEFAULT_CREDENTIAL_ROTATION_DAYS)
                : credential.policy();
        var verdict = rules.judge(new HealthRules.Inputs(now, row.state(), row.connectionErrorCode(), row.stateSince(),
                outcomes, latencies, row.lastProbe(), repository.tls(store).orElse(null), credentialAge, policy,
                repository.keyChecks(store)));
        HealthLevel before = row.level();
        boolean written = repository.updateLevel(store, before, verdict.level(), verdict.findings(), now);
        if (!written || before == verdict.level()) {
            return Optional.empty();
        }
        // The update above ran in its own (auto-committed) statement: committed by now.
        var event = new StoreHealthChanged(store, row.name(), before, verdict.level(), verdict.findings(), now);
        events.publishEvent(event);
        return Optional.of(event);
    }

}
