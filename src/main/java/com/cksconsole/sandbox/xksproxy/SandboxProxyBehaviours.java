package com.cksconsole.sandbox.xksproxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Schedule;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Step;

/**
 * How the sandbox proxy answers on each prefix right now: a behaviour set at run time
 * ({@link #set}) first, then the prefix's schedule step active at the application clock's
 * instant, then the registrations' own behaviour. For demonstrations and tests of the
 * health pages, dashboard and alerts: one instance's memory only (a second console
 * instance keeps its own run-time settings; schedules agree when {@code starts-at} is
 * set).
 */
@Component
@ConditionalOnSandboxMode
public class SandboxProxyBehaviours {

    private static final Logger log = LoggerFactory.getLogger(SandboxProxyBehaviours.class);

    private final XksProxyRegistry registry;

    private final Clock clock;

    private final Map<String, TimedSchedule> schedules;

    private final Map<String, ProxyBehaviour> overrides = new ConcurrentHashMap<>();

    SandboxProxyBehaviours(XksProxyRegistry registry, SandboxXksProxyProperties properties, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.schedules = validated(properties.schedules(), registry, clock.instant());
    }

    /**
     * How the proxy answers an authentic request on this prefix now; empty if it serves
     * no such prefix.
     */
    public Optional<ProxyBehaviour> current(String prefix) {
        Optional<ProxyBehaviour> registered = registry.behaviourOf(prefix);
        if (registered.isEmpty()) {
            return registered;
        }
        ProxyBehaviour override = overrides.get(prefix);
        if (override != null) {
            return Optional.of(override);
        }
        TimedSchedule schedule = schedules.get(prefix);
        if (schedule != null) {
            Optional<ProxyBehaviour> scheduled = schedule.at(clock.instant());
            if (scheduled.isPresent()) {
                return scheduled;
            }
        }
        return registered;
    }

    /** What decides a prefix's behaviour now, for the settings page. */
    enum Driver {

        /** Set at run time ({@link #set}). */
        RUN_TIME,
        /** A step of the prefix's schedule. */
        SCHEDULE,
        /** The registrations' own behaviour. */
        CONFIGURATION

    }

    /** What decides how the proxy answers on this (served) prefix now. */
    Driver drivenBy(String prefix) {
        if (overrides.containsKey(prefix)) {
            return Driver.RUN_TIME;
        }
        TimedSchedule schedule = schedules.get(prefix);
        if (schedule != null && schedule.at(clock.instant()).isPresent()) {
            return Driver.SCHEDULE;
        }
        return Driver.CONFIGURATION;
    }

    /** Whether the prefix has a schedule, active now or not. */
    boolean scheduled(String prefix) {
        return schedules.containsKey(prefix);
    }

    /**
     * Makes the proxy answer with {@code behaviour} on {@code prefix} from now on, over
     * its schedule and registrations, until {@link #clear}.
     * @throws IllegalArgumentException the proxy serves no such prefix
     */
    public void set(String prefix, ProxyBehaviour behaviour) {
        requireServed(prefix);
        overrides.put(prefix, behaviour);
        log.info("Sandbox XKS proxy: prefix '{}' now answers {}", prefix, behaviour);
    }

    /**
     * Drops the behaviour set at run time: the schedule, or the registration, applies
     * again.
     * @throws IllegalArgumentException the proxy serves no such prefix
     */
    public void clear(String prefix) {
        requireServed(prefix);
        if (overrides.remove(prefix) != null) {
            log.info("Sandbox XKS proxy: prefix '{}' follows its configuration again", prefix);
        }
    }

    private void requireServed(String prefix) {
        if (registry.behaviourOf(prefix).isEmpty()) {
            throw new IllegalArgumentException("The sandbox XKS proxy serves no prefix '" + prefix + "'");
        }
    }

    private static Map<String, TimedSchedule> validated(List<Schedule> schedules, XksProxyRegistry registry,
            Instant startUp) {
        var byPrefix = new HashMap<String, TimedSchedule>();
        for (int i = 0; i < schedules.size(); i++) {
            Schedule schedule = schedules.get(i);
            String where = "console.sandbox.xks-proxy.schedules[" + i + "] (prefix '" + schedule.prefix() + "')";
            if (registry.behaviourOf(schedule.prefix()).isEmpty()) {
                throw new IllegalStateException(where + ": no registration serves this prefix; add one under "
                        + "console.sandbox.xks-proxy.registrations or additional-registrations");
            }
            if (schedule.steps().isEmpty()) {
                throw new IllegalStateException(where + ": steps must list at least one {behaviour, duration}");
            }
            for (int s = 0; s < schedule.steps().size(); s++) {
                Step step = schedule.steps().get(s);
                String stepWhere = where + ", steps[" + s + "]";
                if (step.behaviour() == null) {
                    throw new IllegalStateException(
                            stepWhere + ": behaviour is required (e.g. healthy, degraded, " + "one-ekm-left, slow)");
                }
                Duration duration = step.duration();
                if (duration == null || duration.isNegative() || duration.isZero()) {
                    throw new IllegalStateException(stepWhere + ": duration must be positive, e.g. 10m");
                }
            }
            Instant start = schedule.startsAt() != null ? schedule.startsAt() : startUp;
            if (byPrefix.put(schedule.prefix(), TimedSchedule.of(schedule, start)) != null) {
                throw new IllegalStateException(where + ": this prefix already has a schedule");
            }
        }
        return Map.copyOf(byPrefix);
    }

    /** A validated schedule from its start instant. */
    record TimedSchedule(Instant start, boolean repeat, List<ProxyBehaviour> behaviours, List<Duration> durations,
            Duration total) {

        static TimedSchedule of(Schedule schedule, Instant start) {
            var behaviours = schedule.steps().stream().map(step -> requireNonNull(step.behaviour())).toList();
            var durations = schedule.steps().stream().map(step -> requireNonNull(step.duration())).toList();
            Duration total = durations.stream().reduce(Duration.ZERO, Duration::plus);
            return new TimedSchedule(start, schedule.repeat(), behaviours, durations, total);
        }

        /**
         * The step active at {@code now}: a step covers [its start, its end); empty
         * before the start and, without repeat, from the end of the last step.
         */
        Optional<ProxyBehaviour> at(Instant now) {
            if (now.isBefore(start)) {
                return Optional.empty();
            }
            long elapsed = Duration.between(start, now).toMillis();
            long cycle = total.toMillis();
            if (elapsed >= cycle) {
                if (!repeat) {
                    return Optional.empty();
                }
                elapsed %= cycle;
            }
            for (int i = 0; i < durations.size(); i++) {
                long length = durations.get(i).toMillis();
                if (elapsed < length) {
                    return Optional.of(behaviours.get(i));
                }
                elapsed -= length;
            }
            return Optional.empty();
        }

        private static <T> T requireNonNull(@org.jspecify.annotations.Nullable T value) {
            if (value == null) {
                throw new IllegalStateException("validated before");
            }
            return value;
        }

    }

}
