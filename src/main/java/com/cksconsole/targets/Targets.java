package com.cksconsole.targets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The targets the console knows, for every other module: all of them (the header chooser,
 * the Targets page) and the usable ones (enabled and not refused by their check), each
 * with the route the KMS caller needs.
 */
@Service
public class Targets {

    private final TargetRepository repository;

    private final TargetConnections connections;

    private final Environment environment;

    private final Clock clock;

    private volatile Copy copy = new Copy(List.of(), Instant.MIN, -1);

    Targets(TargetRepository repository, TargetConnections connections, Environment environment, Clock clock) {
        this.repository = repository;
        this.connections = connections;
        this.environment = environment;
        this.clock = clock;
    }

    /**
     * The target of {@code console.kms.account-id} and {@code console.kms.region} (the
     * sandbox's account in sandbox mode), named {@code default}: the one definition the
     * seeding falls back to and the key store module adopts older rows into. Empty when
     * no account is configured. Static because it is needed while the database is being
     * migrated, before this service can exist.
     */
    public static Optional<Target> configuredDefault(Environment environment) {
        return Optional.ofNullable(TargetSeeding.singleTarget(environment));
    }

    public List<RegisteredTarget> all() {
        return current();
    }

    public List<RegisteredTarget> usable() {
        return current().stream().filter(RegisteredTarget::usable).toList();
    }

    public Optional<RegisteredTarget> find(TargetName name) {
        return current().stream().filter(target -> target.name().equals(name)).findFirst();
    }

    /** The target of an account and Region, if the console knows one. */
    public Optional<RegisteredTarget> find(String accountId, String region) {
        return current().stream()
            .filter(target -> target.target().accountId().equals(accountId) && target.target().region().equals(region))
            .findFirst();
    }

    /**
     * The targets as read at most {@link #FRESH_FOR} ago, or at once after this instance
     * changed one. Every page asks for them (header chooser, list, authorization of the
     * URL's target) several times; reading the table each time made a page cost several
     * queries more than the single-target console's. Another instance's change shows
     * within {@link #FRESH_FOR}.
     */
    private List<RegisteredTarget> current() {
        Copy seen = copy;
        long writes = repository.writes();
        Instant now = clock.instant();
        if (seen.writes == writes && now.isBefore(seen.readAt.plus(FRESH_FOR)) && !now.isBefore(seen.readAt)) {
            return seen.targets;
        }
        List<RegisteredTarget> read = List.copyOf(repository.findAll());
        copy = new Copy(read, now, writes);
        return read;
    }

    /** How long a read of the targets serves this instance's pages. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Copy(List<RegisteredTarget> targets, Instant readAt, long writes) {
    }

    /**
     * The route to a usable target; empty when it is unknown, disabled or refused by its
     * check.
     */
    public Optional<TargetRoute> route(TargetName name) {
        return repository.find(name).filter(RegisteredTarget::usable).map(connections::route);
    }

}
