package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Schedule;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Step;
import com.cksconsole.support.MutableClock;

/**
 * Behaviour schedules and run-time behaviours of the sandbox proxy, on the application
 * clock.
 */
class SandboxProxyBehavioursTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private static final String KEY = "SANDBOXSCHEDULEKEYID234";

    private static final String SECRET = "c2NoZWR1bGUtdGVzdC1zYW5kYm94LW5vdC1hLXJlYWwtc2VjcmV0";

    private final MutableClock clock = new MutableClock(START);

    @Test
    void withoutScheduleThePrefixAnswersItsRegistrationsBehaviour() {
        var behaviours = behaviours(List.of());

        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.HEALTHY);
        assertThat(behaviours.current("/unknown")).isEmpty();
    }

    @Test
    void eachStepLastsItsDurationFromStartUp() {
        var behaviours = behaviours(List
            .of(schedule(false, null, step(ProxyBehaviour.DEGRADED, "10m"), step(ProxyBehaviour.ONE_EKM_LEFT, "5m"))));

        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.DEGRADED);
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.DEGRADED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.ONE_EKM_LEFT);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.ONE_EKM_LEFT);
    }

    @Test
    void withoutRepeatTheRegistrationsBehaviourReturnsAfterTheLastStep() {
        var behaviours = behaviours(List.of(schedule(false, null, step(ProxyBehaviour.SLOW, "10m"))));

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.SLOW);
        clock.advance(Duration.ofSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.HEALTHY);
        clock.advance(Duration.ofDays(3));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.HEALTHY);
    }

    @Test
    void withRepeatTheStepsStartOverAfterTheLastOne() {
        var behaviours = behaviours(List.of(schedule(true, null, step(ProxyBehaviour.HEALTHY, "10m"),
                step(ProxyBehaviour.DEGRADED, "10m"), step(ProxyBehaviour.SLOW, "10m"))));

        clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.SLOW);
        clock.advance(Duration.ofSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.HEALTHY);
        clock.advance(Duration.ofMinutes(10));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.DEGRADED);
        // Many cycles later, the same position in the cycle.
        clock.advance(Duration.ofMinutes(30 * 1000));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.DEGRADED);
    }

    @Test
    void aScheduleWithStartsAtWaitsForIt() {
        var behaviours = behaviours(
                List.of(schedule(true, START.plus(Duration.ofHours(1)), step(ProxyBehaviour.UNAVAILABLE, "1m"))));

        clock.advance(Duration.ofHours(1).minusSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.HEALTHY);
        clock.advance(Duration.ofSeconds(1));
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.UNAVAILABLE);
    }

    @Test
    void aBehaviourSetAtRunTimeWinsOverTheScheduleUntilCleared() {
        var behaviours = behaviours(List.of(schedule(true, null, step(ProxyBehaviour.DEGRADED, "10m"))));

        behaviours.set("/dr", ProxyBehaviour.ONE_EKM_LEFT);
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.ONE_EKM_LEFT);
        assertThat(behaviours.current("/other")).contains(ProxyBehaviour.HEALTHY);

        behaviours.clear("/dr");
        assertThat(behaviours.current("/dr")).contains(ProxyBehaviour.DEGRADED);
    }

    @Test
    void aBehaviourCannotBeSetOnAPrefixTheProxyDoesNotServe() {
        var behaviours = behaviours(List.of());

        assertThatIllegalArgumentException().isThrownBy(() -> behaviours.set("/nope", ProxyBehaviour.SLOW))
            .withMessageContaining("'/nope'");
    }

    @Test
    void aScheduleForAnUnregisteredPrefixStopsTheStartUp() {
        assertThatIllegalStateException().isThrownBy(
                () -> behaviours(List.of(new Schedule("/nope", true, null, List.of(step(ProxyBehaviour.SLOW, "1m"))))))
            .withMessage("console.sandbox.xks-proxy.schedules[0] (prefix '/nope'): no registration serves this "
                    + "prefix; add one under console.sandbox.xks-proxy.registrations or additional-registrations");
    }

    @Test
    void aScheduleWithoutStepsStopsTheStartUp() {
        assertThatIllegalStateException().isThrownBy(() -> behaviours(List.of(schedule(true, null))))
            .withMessageContaining("schedules[0] (prefix '/dr'): steps must list at least one");
    }

    @Test
    void aStepWithoutPositiveDurationStopsTheStartUp() {
        assertThatIllegalStateException()
            .isThrownBy(() -> behaviours(
                    List.of(schedule(true, null, step(ProxyBehaviour.SLOW, "1m"), step(ProxyBehaviour.SLOW, "0s")))))
            .withMessageContaining("schedules[0] (prefix '/dr'), steps[1]: duration must be positive");
        assertThatIllegalStateException()
            .isThrownBy(() -> behaviours(List.of(schedule(true, null, new Step(ProxyBehaviour.SLOW, null)))))
            .withMessageContaining("steps[0]: duration must be positive");
    }

    @Test
    void aStepWithoutBehaviourStopsTheStartUp() {
        assertThatIllegalStateException()
            .isThrownBy(() -> behaviours(List.of(schedule(true, null, new Step(null, Duration.ofMinutes(1))))))
            .withMessageContaining("steps[0]: behaviour is required");
    }

    @Test
    void twoSchedulesForOnePrefixStopTheStartUp() {
        assertThatIllegalStateException()
            .isThrownBy(() -> behaviours(List.of(schedule(true, null, step(ProxyBehaviour.SLOW, "1m")),
                    schedule(false, null, step(ProxyBehaviour.DEGRADED, "1m")))))
            .withMessageContaining("schedules[1] (prefix '/dr'): this prefix already has a schedule");
    }

    private SandboxProxyBehaviours behaviours(List<Schedule> schedules) {
        var registrations = List.of(new Registration("/dr", KEY, SECRET, ProxyBehaviour.HEALTHY, Map.of()),
                new Registration("/other", KEY, SECRET, ProxyBehaviour.HEALTHY, Map.of()));
        var properties = new SandboxXksProxyProperties(registrations, List.of(), "", schedules);
        return new SandboxProxyBehaviours(new XksProxyRegistry(properties), properties, clock);
    }

    private static Schedule schedule(boolean repeat, @Nullable Instant startsAt, Step... steps) {
        return new Schedule("/dr", repeat, startsAt, Arrays.asList(steps));
    }

    private static Step step(ProxyBehaviour behaviour, String duration) {
        return new Step(behaviour, Duration.parse("PT" + duration.toUpperCase(java.util.Locale.ROOT)));
    }

}
