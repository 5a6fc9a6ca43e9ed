package com.cksconsole.targets;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import com.cksconsole.kms.KmsMode;
import com.cksconsole.kms.SandboxDefaults;

/**
 * Adds the configured targets that the database does not know yet (by name), once;
 * several instances starting together may race, the loser's insert is refused by the
 * primary key and ignored. With no target anywhere, the single target of
 * {@code console.kms.account-id} and {@code console.kms.region} is added, so an
 * installation of the single-target console keeps working unchanged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TargetSeeding implements ApplicationRunner {

    static final String DEFAULT_NAME = "default";
    static final String ACTOR = "configuration";

    private static final Logger log = LoggerFactory.getLogger(TargetSeeding.class);

    private final TargetsProperties properties;

    private final TargetRepository repository;

    private final TargetAdministration administration;

    private final Environment environment;

    TargetSeeding(TargetsProperties properties, TargetRepository repository, TargetAdministration administration,
            Environment environment) {
        this.properties = properties;
        this.repository = repository;
        this.administration = administration;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Target> seeds = properties.targets().stream().map(TargetsProperties.Seed::toTarget).toList();
        for (Target seed : seeds) {
            List<TargetRules.Problem> problems = TargetRules.check(seed);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("console.targets: target " + seed.name() + " is invalid: "
                        + problems.stream().map(p -> p.field() + ": " + p.message()).toList());
            }
        }
        seeds.forEach(this::addIfAbsent);
        if (repository.findAll().isEmpty()) {
            Target fallback = singleTarget();
            if (fallback == null) {
                log.warn("No target: set console.kms.account-id (and console.kms.region) or console.targets, or "
                        + "add a target on the Targets page");
            }
            else {
                addIfAbsent(fallback);
            }
        }
    }

    private void addIfAbsent(Target target) {
        if (repository.find(target.name()).isPresent()) {
            return;
        }
        try {
            administration.add(target, TargetOrigin.CONFIGURATION, ACTOR);
            log.info("Target {} added from configuration ({}/{})", target.name(), target.accountId(), target.region());
        }
        catch (DuplicateKeyException anotherInstanceWasFirst) {
            log.debug("Target {} was added by another instance", target.name());
        }
        catch (TargetAdministrationException refused) {
            if (repository.find(target.name()).isEmpty()) {
                throw new IllegalStateException("console.targets: target " + target.name() + " was refused: "
                        + refused.problems().stream().map(TargetRules.Problem::message).toList(), refused);
            }
        }
    }

    private @Nullable Target singleTarget() {
        return singleTarget(environment);
    }

    /**
     * The one target of {@code console.kms.account-id} and {@code console.kms.region}
     * (the sandbox's account in sandbox mode): what the key store pages manage until they
     * span several targets.
     */
    static @Nullable Target singleTarget(Environment environment) {
        var binder = Binder.get(environment);
        KmsMode mode = binder.bind("console.kms.mode", KmsMode.class).orElse(KmsMode.SANDBOX);
        String region = binder.bind("console.kms.region", String.class).orElse("us-east-1");
        String account = binder.bind("console.kms.account-id", String.class)
            .orElse(mode == KmsMode.SANDBOX ? SandboxDefaults.ACCOUNT_ID : null);
        if (account == null) {
            return null;
        }
        var endpoint = binder.bind("console.kms.endpoint", java.net.URI.class).orElse(null);
        return new Target(new TargetName(DEFAULT_NAME), mode == KmsMode.SANDBOX ? "Sandbox" : "Default", account,
                region, TargetAccess.DEFAULT_CHAIN, null, null, null, null, endpoint, Target.DEFAULT_STORE_QUOTA, true);
    }

}
