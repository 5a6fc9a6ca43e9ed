package com.cksconsole.security;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.awaitility.core.ConditionTimeoutException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Counts the password checks of a sign-in race and holds each of them until a condition
 * holds (e.g. "every attempt of the burst has been counted by the throttle") or a
 * deadline passes: the worst case of a slow password hash, where every attempt of a burst
 * arrives while the first checks are still running.
 */
final class GatedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;

    private final AtomicInteger checks = new AtomicInteger();

    private volatile BooleanSupplier open = () -> true;

    private volatile Duration deadline = Duration.ofSeconds(1);

    GatedPasswordEncoder(PasswordEncoder delegate) {
        this.delegate = delegate;
    }

    /**
     * From now on, checks are counted from zero and each waits for {@code open} (at most
     * {@code deadline}).
     */
    void gate(BooleanSupplier open, Duration deadline) {
        checks.set(0);
        this.open = open;
        this.deadline = deadline;
    }

    /** Checks run at once again. */
    void ungate() {
        this.open = () -> true;
    }

    int checks() {
        return checks.get();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        checks.incrementAndGet();
        BooleanSupplier condition = open;
        if (!condition.getAsBoolean()) {
            try {
                await().atMost(deadline)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .until(condition::getAsBoolean);
            }
            catch (ConditionTimeoutException notOpened) {
                // The deadline: the check goes on (the code before the fix never opens
                // the gate).
            }
        }
        return delegate.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

}
