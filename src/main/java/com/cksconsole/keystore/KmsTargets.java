package com.cksconsole.keystore;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.Target;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetPermissions;
import com.cksconsole.targets.Targets;

/**
 * The KMS targets (account and Region) the key store pages manage: the usable targets of
 * the {@code targets} module, and how a target named in a URL becomes the account and
 * Region of a {@link KeyStoreRef}.
 */
@Component
public class KmsTargets {

    /**
     * The HTTP session attribute holding the header's choice: a target's name, or
     * {@code all}.
     */
    public static final String CHOICE = "console.targetChoice";

    private final Targets targets;

    private final KmsTarget defaultTarget;

    /** Null: every usable target is visible (tests without sign-in). */
    private final @Nullable SingletonSupplier<TargetPermissions> permissions;

    @Autowired
    public KmsTargets(Targets targets, Environment environment, ObjectProvider<TargetPermissions> permissions) {
        this.targets = targets;
        this.defaultTarget = defaultTarget(environment);
        // Looked up once: resolving an optional bean on every page cost more than the
        // rule.
        this.permissions = SingletonSupplier.of(permissions::getIfAvailable);
    }

    /** Every usable target visible to everyone (tests without sign-in). */
    public KmsTargets(Targets targets, Environment environment) {
        this.targets = targets;
        this.defaultTarget = defaultTarget(environment);
        this.permissions = null;
    }

    /**
     * The target of {@code console.kms.*} (the fallback {@code default} target), or
     * without a configured account its Region only.
     */
    public static KmsTarget defaultTarget(Environment environment) {
        return Targets.configuredDefault(environment)
            .map(Target::kmsTarget)
            .orElseGet(() -> new KmsTarget(null,
                    Binder.get(environment).bind("console.kms.region", String.class).orElse("us-east-1")));
    }

    /** The account and Region of {@code console.kms.*}. */
    public KmsTarget defaultTarget() {
        return defaultTarget;
    }

    /**
     * The usable targets the signed-in user may see (a global role, or a grant on the
     * target): what the list, the chooser and the overview show.
     */
    public List<Target> visible() {
        TargetPermissions granted = permissions == null ? null : permissions.get();
        List<Target> usable = usable();
        if (granted == null) {
            return usable;
        }
        var names = granted.visible(usable.stream().map(Target::name).toList());
        return usable.stream().filter(target -> names.contains(target.name())).toList();
    }

    /** The targets the console calls KMS for now, by name. */
    public List<Target> usable() {
        return targets.usable().stream().map(RegisteredTarget::target).toList();
    }

    /**
     * The targets a choice of the header's chooser stands for: the named usable target,
     * or every visible target ({@code all}, nothing chosen yet, or a target no longer
     * usable or visible).
     */
    public List<Target> chosen(@Nullable String choice) {
        return chosen(choice, visible());
    }

    /**
     * The same, among targets the caller already read with {@link #visible()} (a page
     * that shows them too need not read them twice).
     */
    public List<Target> chosen(@Nullable String choice, List<Target> visible) {
        if (choice != null && !"all".equals(choice)) {
            var one = visible.stream().filter(target -> target.name().value().equals(choice)).findFirst();
            if (one.isPresent()) {
                return List.of(one.get());
            }
        }
        return visible;
    }

    /** A usable target by name. */
    public Optional<Target> find(TargetName name) {
        return targets.find(name).filter(RegisteredTarget::usable).map(RegisteredTarget::target);
    }

    /** A usable target by the name a URL gave; empty for a name that cannot be one. */
    public Optional<Target> find(String name) {
        return TargetName.isValid(name) ? find(new TargetName(name)) : Optional.empty();
    }

    /** The target of an account and Region, if the console knows one (usable or not). */
    public Optional<Target> of(KmsTarget target) {
        if (target.accountId() == null) {
            return Optional.empty();
        }
        return targets.find(target.accountId(), target.region()).map(RegisteredTarget::target);
    }

    /**
     * The page of a store ({@code /t/{target}/key-stores/{id}}); the page of the old URL
     * ({@code /key-stores/{id}}, which finds the target) when no target of its account
     * and Region is known.
     */
    public String storePath(KeyStoreRef ref) {
        return of(ref.target()).map(target -> "/t/" + target.name() + "/key-stores/" + ref.keyStoreId())
            .orElse("/key-stores/" + ref.keyStoreId());
    }

    /**
     * The page of a store named by what an audit event recorded; the old URL when the
     * account or Region is not known.
     */
    public String storePath(@Nullable String accountId, @Nullable String region, String keyStoreId) {
        if (accountId != null && region != null && KmsTarget.isAccountId(accountId) && KmsTarget.isRegion(region)
                && KeyStoreRef.plausibleId(keyStoreId)) {
            return storePath(new KeyStoreRef(new KmsTarget(accountId, region), keyStoreId));
        }
        return "/key-stores/" + keyStoreId;
    }

    /**
     * A store of a usable target, named by a target name and an ID that came from outside
     * (a URL).
     * @throws TargetNotUsableException no usable target has this name
     * @throws KeyStoreNotFoundException the ID cannot name a custom key store, so there
     * is none to find
     */
    public KeyStoreRef ref(String targetName, String keyStoreId) {
        Target target = find(targetName).orElseThrow(() -> new TargetNotUsableException(targetName));
        if (!KeyStoreRef.plausibleId(keyStoreId)) {
            throw new KeyStoreNotFoundException(keyStoreId);
        }
        return new KeyStoreRef(target.kmsTarget(), keyStoreId);
    }

}
