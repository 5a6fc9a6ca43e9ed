package com.cksconsole.sandbox.xksproxy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksProperties;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;

/**
 * Sends a few health checks through the real client to the built-in proxy once the
 * application is ready. The very first call of a fresh JVM (servlet initialisation, class
 * loading on both sides) easily takes longer than KMS's 250 ms, which would make the
 * first CreateCustomKeyStore after start-up fail with a spurious timeout.
 */
@Component
@ConditionalOnSandboxMode
class XksProxyWarmUp {

    private static final Logger log = LoggerFactory.getLogger(XksProxyWarmUp.class);

    private static final int ATTEMPTS = 3;

    private final XksProxyClient client;

    private final XksProperties xksProperties;

    private final SandboxXksProxyProperties proxyProperties;

    XksProxyWarmUp(XksProxyClient client, XksProperties xksProperties, SandboxXksProxyProperties proxyProperties) {
        this.client = client;
        this.xksProperties = xksProperties;
        this.proxyProperties = proxyProperties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Optional<String> host = builtInProxyHost();
        Optional<Registration> healthy = proxyProperties.registrations()
            .stream()
            .filter(registration -> registration.behaviour() == ProxyBehaviour.HEALTHY)
            .findFirst();
        if (host.isEmpty() || healthy.isEmpty()) {
            return;
        }
        Registration registration = healthy.get();
        var request = new XksHealthCheckRequest(URI.create("https://" + host.get()),
                registration.prefix() + XksProxyRegistry.API_PATH,
                new XksProxyCredential(registration.accessKeyId(), registration.rawSecretAccessKey()), "us-east-1",
                "KmsHealthCheck", "warm-up-" + UUID.randomUUID());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            XksHealthCheckResult result = client.getHealthStatus(request);
            if (result instanceof XksHealthCheckResult.Healthy) {
                log.debug("Sandbox XKS proxy warmed up after {} call(s)", attempt);
                return;
            }
        }
        log.debug("Sandbox XKS proxy warm-up did not get a healthy answer in {} calls", ATTEMPTS);
    }

    /** A host the table routes to this application's built-in proxy, if any. */
    private Optional<String> builtInProxyHost() {
        String target = "{self}" + SandboxXksProxyRoutes.BASE_PATH;
        return xksProperties.hosts()
            .entrySet()
            .stream()
            .filter(entry -> entry.getValue().strip().replaceAll("/+$", "").equals(target))
            .map(Map.Entry::getKey)
            .sorted()
            .findFirst();
    }

}
