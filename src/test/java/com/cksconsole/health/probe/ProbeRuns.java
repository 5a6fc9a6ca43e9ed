package com.cksconsole.health.probe;

import java.util.List;

import org.springframework.context.ApplicationContext;

/**
 * Runs the probe jobs due now, for application tests outside this package (the health
 * pages), whose test profile turns the scheduler off.
 */
public final class ProbeRuns {

    private ProbeRuns() {
    }

    /**
     * @return the keys of the jobs that ran
     */
    public static List<String> runDueJobs(ApplicationContext context) {
        return context.getBean(HealthProbes.class).runDueJobs();
    }

}
