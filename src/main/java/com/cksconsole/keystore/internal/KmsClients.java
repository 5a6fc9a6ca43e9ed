package com.cksconsole.keystore.internal;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.TargetConnections;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetRoute;
import com.cksconsole.targets.Targets;

/**
 * One {@link KmsClient} per target, built from the route the {@code targets} module gives
 * (Region, credentials, endpoint: {@link com.cksconsole.targets.TargetConnections} is the
 * one place that knows them). A client is kept per target name and definition version: an
 * edited target gets a new client, the old one is closed; a disabled or refused target
 * gets none.
 */
@Component
class KmsClients implements KmsClientSource, DisposableBean {

    /** The error code of a target whose credentials reach another account. */
    static final String ACCOUNT_MISMATCH = "AccountMismatch";

    private static final Logger log = LoggerFactory.getLogger(KmsClients.class);

    private final Targets targets;

    private final TargetConnections connections;

    private final Map<TargetName, Cached> clients = new ConcurrentHashMap<>();

    /**
     * The last client handed out per account and Region, for when the console's database
     * cannot say which target that is now (KMS stays reachable through a database outage:
     * an update already sent is still described).
     */
    private final Map<KmsTarget, KmsClient> lastUsed = new ConcurrentHashMap<>();

    KmsClients(Targets targets, TargetConnections connections) {
        this.targets = targets;
        this.connections = connections;
    }

    /**
     * The client of a usable target.
     * @throws KmsCallException ({@link KmsFailureKind#TARGET_UNAVAILABLE}) the console
     * knows no usable target of this account and Region
     */
    @Override
    public KmsClient client(KmsTarget target) {
        Optional<RegisteredTarget> found;
        try {
            found = target.accountId() == null ? Optional.empty() : targets.find(target.accountId(), target.region());
        }
        catch (DataAccessException databaseUnavailable) {
            KmsClient last = lastUsed.get(target);
            if (last == null) {
                throw databaseUnavailable;
            }
            return last;
        }
        RegisteredTarget registered = found.filter(RegisteredTarget::usable).orElseThrow(() -> {
            lastUsed.remove(target);
            return unavailable(target);
        });
        TargetName name = registered.name();
        Cached cached = clients.compute(name, (key, old) -> {
            if (old != null && old.version == registered.version()) {
                return old;
            }
            if (old != null && old.client != null) {
                old.client.close();
            }
            TargetRoute route = targets.route(name).orElseThrow(() -> unavailable(target));
            // Credentials that reach another account than the target's would show and
            // change that account's stores under this target's name: refused until the
            // target is edited (its check then says the same).
            Optional<String> reached = connections.callerAccount(route);
            if (reached.isPresent() && !reached.get().equals(registered.target().accountId())) {
                log.warn("Target {} reaches account {} instead of {}: not used", name, reached.get(),
                        registered.target().accountId());
                return new Cached(registered.version(), null);
            }
            return new Cached(registered.version(), build(route, builder -> {
            }));
        });
        KmsClient client = cached.client;
        if (client == null) {
            lastUsed.remove(target);
            throw new KmsCallException("DescribeCustomKeyStores",
                    new KmsFailure(KmsFailureKind.TARGET_UNAVAILABLE, ACCOUNT_MISMATCH, null));
        }
        lastUsed.put(target, client);
        return client;
    }

    @Override
    public void renew(KmsTarget target) {
        lastUsed.remove(target);
        if (target.accountId() == null) {
            return;
        }
        targets.find(target.accountId(), target.region()).ifPresent(registered -> {
            connections.renew(registered.name());
            Cached old = clients.remove(registered.name());
            if (old != null && old.client != null) {
                old.client.close();
            }
        });
    }

    /**
     * A client for a route: its Region, credentials and endpoint. The route's credentials
     * provider belongs to the {@code targets} module, so closing the client must not
     * close it: the client sees a plain provider that delegates.
     */
    static KmsClient build(TargetRoute route, Consumer<KmsClientBuilder> customizer) {
        AwsCredentialsProvider credentials = route.credentials();
        AwsCredentialsProvider notClosedWithTheClient = credentials::resolveCredentials;
        var builder = KmsClient.builder()
            .region(Region.of(route.target().region()))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(notClosedWithTheClient);
        if (route.kmsEndpoint().get().isPresent()) {
            // Asked per request: the sandbox's port is known only once the web server
            // runs.
            builder.endpointProvider(parameters -> {
                Optional<URI> endpoint = route.kmsEndpoint().get();
                return CompletableFuture.completedFuture(Endpoint.builder().url(endpoint.orElseThrow()).build());
            });
        }
        customizer.accept(builder);
        return builder.build();
    }

    private static KmsCallException unavailable(KmsTarget target) {
        return new KmsCallException("DescribeCustomKeyStores",
                new KmsFailure(KmsFailureKind.TARGET_UNAVAILABLE, "TargetUnavailable", null));
    }

    @Override
    public void destroy() {
        clients.values().stream().map(Cached::client).filter(Objects::nonNull).forEach(KmsClient::close);
        clients.clear();
        lastUsed.clear();
    }

    /**
     * @param client null when the target's credentials reach another account
     */
    private record Cached(long version, @Nullable KmsClient client) {
    }

}
