package com.cksconsole.support;

import org.springframework.context.ApplicationContext;

import com.cksconsole.targets.Target;
import com.cksconsole.targets.TargetAccess;
import com.cksconsole.targets.TargetAdministration;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetOrigin;
import com.cksconsole.targets.Targets;

/**
 * Targets that application tests grant roles on. Each has an account of its own that no
 * seeded target uses, so tests sharing a context (or a seed that adds the same name)
 * never collide: an existing target of that name is taken as it is.
 */
public final class RegisteredTestTargets {

    private RegisteredTestTargets() {
    }

    /**
     * The target named {@code name}, added with {@code accountId} if the console has
     * none.
     */
    public static TargetName ensure(ApplicationContext context, String name, String accountId) {
        var targetName = new TargetName(name);
        var existing = context.getBean(Targets.class).find(targetName);
        if (existing.isPresent()) {
            if (!existing.get().target().enabled()) {
                context.getBean(TargetAdministration.class).setEnabled(targetName, true, "test");
            }
            return targetName;
        }
        var target = new Target(targetName, "Test " + name, accountId, "eu-west-1", TargetAccess.DEFAULT_CHAIN, null,
                null, null, null, null, Target.DEFAULT_STORE_QUOTA, true);
        context.getBean(TargetAdministration.class).add(target, TargetOrigin.CONSOLE, "test");
        return targetName;
    }

    /**
     * Disables the target {@code name} (if there is one), so that the pages and lists of
     * the test classes sharing the context, which count the seeded targets, do not show
     * it; {@link #ensure} enables it again.
     */
    public static void retire(ApplicationContext context, String name) {
        var targetName = new TargetName(name);
        var existing = context.getBean(Targets.class).find(targetName);
        if (existing.isPresent() && existing.get().target().enabled()) {
            context.getBean(TargetAdministration.class).setEnabled(targetName, false, "test");
        }
    }

}
