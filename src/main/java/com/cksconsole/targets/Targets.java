package com.cksconsole.targets;

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

    Targets(TargetRepository repository, TargetConnections connections, Environment environment) {
        this.repository = repository;
        this.connections = connections;
        this.environment = environment;
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
        return repository.findAll();
    }

    public List<RegisteredTarget> usable() {
        return repository.findAll().stream().filter(RegisteredTarget::usable).toList();
    }

    public Optional<RegisteredTarget> find(TargetName name) {
        return repository.find(name);
    }

    /** The target of an account and Region, if the console knows one. */
    public Optional<RegisteredTarget> find(String accountId, String region) {
        return repository.findByAccountAndRegion(accountId, region);
    }

    /**
     * The route to a usable target; empty when it is unknown, disabled or refused by its
     * check.
     */
    public Optional<TargetRoute> route(TargetName name) {
        return repository.find(name).filter(RegisteredTarget::usable).map(connections::route);
    }

}
