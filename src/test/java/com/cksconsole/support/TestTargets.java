package com.cksconsole.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.mock.env.MockEnvironment;

import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.Target;
import com.cksconsole.targets.TargetAccess;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetOrigin;
import com.cksconsole.targets.Targets;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The account and Region the tests' console manages (the sandbox's account, the default
 * Region).
 */
public final class TestTargets {

    public static final KmsTarget SANDBOX = new KmsTarget("111122223333", "us-east-1");

    /** The console's target of {@link #SANDBOX} as the sandbox configuration names it. */
    public static final Target DEFAULT = new Target(new TargetName("default"), "Sandbox", "111122223333", "us-east-1",
            TargetAccess.DEFAULT_CHAIN, null, null, null, null, null, Target.DEFAULT_STORE_QUOTA, true);

    private TestTargets() {
    }

    /**
     * The key store module's view of the targets when {@link #DEFAULT} is the only one
     * (for tests without a database).
     */
    public static KmsTargets kmsTargets() {
        Targets targets = mock(Targets.class);
        var registered = new RegisteredTarget(DEFAULT, TargetOrigin.CONFIGURATION, null, 1, Instant.EPOCH, "test");
        given(targets.all()).willReturn(List.of(registered));
        given(targets.usable()).willReturn(List.of(registered));
        given(targets.find(any(TargetName.class))).willReturn(Optional.empty());
        given(targets.find(DEFAULT.name())).willReturn(Optional.of(registered));
        given(targets.find(anyString(), anyString())).willReturn(Optional.empty());
        given(targets.find(DEFAULT.accountId(), DEFAULT.region())).willReturn(Optional.of(registered));
        return new KmsTargets(targets, new MockEnvironment());
    }

    /** A store of {@link #SANDBOX}. */
    public static KeyStoreRef ref(String keyStoreId) {
        return new KeyStoreRef(SANDBOX, keyStoreId);
    }

}
