package com.cksconsole.keystore.guided;

import java.time.Clock;
import java.util.List;

import org.springframework.context.support.ResourceBundleMessageSource;

import org.springframework.context.ApplicationEventPublisher;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.internal.KeyStoreService;

/**
 * The guided-change engine and its steps wired by hand, as Spring wires them, for tests
 * without a context.
 */
final class GuidedEngines {

    private GuidedEngines() {
    }

    static GuidedChangeEngine engine(GuidedRunRepository runs, KeyStoreService keyStores, UpdatePolicy policy,
            RunSecrets secrets, ApplicationEventPublisher activity, GuidedChangeProperties properties, Clock clock) {
        var calls = new KeyStoreServiceCalls(keyStores, keyStores, keyStores);
        return new GuidedChangeEngine(runs, steps(calls, policy, secrets, properties, clock), calls, secrets, activity,
                sentences(), properties, clock);
    }

    static List<Step> steps(KeyStoreCalls calls, UpdatePolicy policy, RunSecrets secrets,
            GuidedChangeProperties properties, Clock clock) {
        return List.of(new PreflightStep(), new DisconnectStep(calls, secrets, properties),
                new WaitForDisconnectedStep(calls, properties, clock),
                new UpdateStep(calls, policy, secrets, properties), new ConnectStep(calls, properties),
                new WaitForConnectedStep(calls, properties, clock));
    }

    /**
     * The message bundle as Spring Boot configures it by default
     * ({@code spring.messages.*}).
     */
    static Sentences sentences() {
        var bundle = new ResourceBundleMessageSource();
        bundle.setBasename("messages");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        return new Sentences(bundle);
    }

}
