package com.cksconsole.keystore.internal;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudhsmv2.CloudHsmV2Client;

import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetRoute;
import com.cksconsole.targets.Targets;

/**
 * One {@link CloudHsmV2Client} per target, built from the same route as the target's KMS
 * client (Region, credentials; the endpoint is the route's CloudHSM one: the sandbox's
 * {@code /sandbox/cloudhsmv2} in sandbox mode, AWS's regional endpoint in aws mode). A
 * target is used only when {@link KmsClients} would use it (usable, and its credentials
 * reach its own account), so KMS and CloudHSM never show different accounts under one
 * target name. Kept per target name and definition version, closed when replaced.
 */
@Component
class CloudHsmClients implements DisposableBean {

    private final Targets targets;

    private final KmsClients kmsClients;

    private final Map<TargetName, Cached> clients = new ConcurrentHashMap<>();

    CloudHsmClients(Targets targets, KmsClients kmsClients) {
        this.targets = targets;
        this.kmsClients = kmsClients;
    }

    /**
     * @throws KmsCallException ({@link KmsFailureKind#TARGET_UNAVAILABLE}) the console
     * does not reach this target
     */
    CloudHsmV2Client client(KmsTarget target) {
        // The same usability and account checks as for KMS, in one place.
        kmsClients.client(target);
        RegisteredTarget registered = Optional.ofNullable(target.accountId())
            .flatMap(account -> targets.find(account, target.region()))
            .filter(RegisteredTarget::usable)
            .orElseThrow(() -> unavailable());
        return clients.compute(registered.name(), (name, old) -> {
            if (old != null && old.version == registered.version()) {
                return old;
            }
            if (old != null) {
                old.client.close();
            }
            TargetRoute route = targets.route(name).orElseThrow(CloudHsmClients::unavailable);
            return new Cached(registered.version(), build(route));
        }).client;
    }

    /**
     * The route's credentials provider belongs to the {@code targets} module: the client
     * sees a plain provider that delegates, so closing it does not close the provider.
     */
    static CloudHsmV2Client build(TargetRoute route) {
        AwsCredentialsProvider credentials = route.credentials();
        AwsCredentialsProvider notClosedWithTheClient = credentials::resolveCredentials;
        var builder = CloudHsmV2Client.builder()
            .region(Region.of(route.target().region()))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(notClosedWithTheClient);
        if (route.cloudHsmEndpoint().get().isPresent()) {
            // Asked per request: the sandbox's port is known only once the web server
            // runs.
            builder.endpointProvider(parameters -> {
                Optional<URI> endpoint = route.cloudHsmEndpoint().get();
                return CompletableFuture.completedFuture(Endpoint.builder().url(endpoint.orElseThrow()).build());
            });
        }
        return builder.build();
    }

    private static KmsCallException unavailable() {
        return new KmsCallException("DescribeClusters",
                new KmsFailure(KmsFailureKind.TARGET_UNAVAILABLE, "TargetUnavailable", null));
    }

    @Override
    public void destroy() {
        clients.values().forEach(cached -> cached.client.close());
        clients.clear();
    }

    private record Cached(long version, CloudHsmV2Client client) {
    }

}
