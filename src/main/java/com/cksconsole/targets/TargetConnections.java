package com.cksconsole.targets;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.cksconsole.kms.KmsMode;
import com.cksconsole.kms.SandboxDefaults;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials and endpoints per target. A role target gets the AWS SDK's
 * {@link StsAssumeRoleCredentialsProvider} over the base credentials (the host's default
 * chain, or in sandbox mode the sandbox's documented fake keys), so its temporary
 * credentials are refreshed {@link #PREFETCH} before they expire and never stored by the
 * console. Providers are kept per target and definition version: an edit or a disable
 * closes the old one.
 */
@Component
public class TargetConnections implements DisposableBean {

    /**
     * Refresh the role's credentials this long before they expire (the SDK refreshes
     * synchronously when due).
     */
    static final Duration PREFETCH = Duration.ofMinutes(5);

    /** Credentials this close to expiry are never used. */
    static final Duration STALE = Duration.ofMinutes(1);
    static final int ROLE_SESSION_SECONDS = 3600;
    static final String SANDBOX_STS_PATH = "/sandbox/sts";
    static final String SANDBOX_KMS_PATH = "/sandbox/kms";

    static final String SANDBOX_CLOUDHSM_PATH = "/sandbox/cloudhsmv2";

    private final Environment environment;

    private final KmsMode mode;

    private final Map<TargetName, Cached> providers = new ConcurrentHashMap<>();

    TargetConnections(Environment environment) {
        this.environment = environment;
        this.mode = Binder.get(environment).bind("console.kms.mode", KmsMode.class).orElse(KmsMode.SANDBOX);
    }

    /**
     * The route to a target as registered now (a changed definition gets fresh
     * credentials).
     */
    public TargetRoute route(RegisteredTarget registered) {
        Target target = registered.target();
        Cached cached = providers.compute(target.name(), (name, old) -> {
            if (old != null && old.version == registered.version()) {
                return old;
            }
            if (old != null) {
                old.close();
            }
            return new Cached(registered.version(), credentials(target));
        });
        return new TargetRoute(target, cached.provider, kmsEndpoint(target), cloudHsmEndpoint());
    }

    /**
     * The account a route's credentials belong to, as STS GetCallerIdentity answers;
     * empty when STS cannot be asked (a network that reaches KMS only, say), so that only
     * a positive answer of another account refuses a target.
     */
    public Optional<String> callerAccount(TargetRoute route) {
        AwsCredentialsProvider credentials = route.credentials();
        // The route's provider is shared: closing this short-lived client must not close
        // it.
        AwsCredentialsProvider notClosed = credentials::resolveCredentials;
        try (StsClient sts = stsClient(route.target(), notClosed)) {
            return Optional.ofNullable(sts.getCallerIdentity().account());
        }
        catch (SdkException unanswered) {
            return Optional.empty();
        }
    }

    /**
     * An STS client in the target's Region, signing with the base credentials (for the
     * check's AssumeRole).
     */
    StsClient stsClient(Target target, AwsCredentialsProvider credentials) {
        var builder = StsClient.builder()
            .region(Region.of(target.region()))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(credentials);
        if (mode == KmsMode.SANDBOX) {
            builder.endpointProvider(sandboxStsEndpoint());
        }
        return builder.build();
    }

    /**
     * The credentials the console itself has: the host's default chain, or the sandbox's
     * fake keys.
     */
    AwsCredentialsProvider baseCredentials() {
        if (mode == KmsMode.AWS) {
            return DefaultCredentialsProvider.builder().build();
        }
        var sandbox = Binder.get(environment).bindOrCreate("console.sandbox", SandboxKeys.class);
        return StaticCredentialsProvider
            .create(AwsBasicCredentials.create(sandbox.accessKeyId(), sandbox.secretAccessKey()));
    }

    /**
     * The request that assumes a target's role (also used by the check, which needs the
     * assumed role's ARN).
     */
    static AssumeRoleRequest assumeRoleRequest(Target target) {
        return AssumeRoleRequest.builder()
            .roleArn(target.roleArn())
            .roleSessionName(target.effectiveSessionName())
            .externalId(target.externalId())
            .durationSeconds(ROLE_SESSION_SECONDS)
            .build();
    }

    private AwsCredentialsProvider credentials(Target target) {
        return switch (target.access()) {
            case DEFAULT_CHAIN -> baseCredentials();
            case PROFILE -> ProfileCredentialsProvider.builder().profileName(target.profileName()).build();
            case ASSUME_ROLE -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(stsClient(target, baseCredentials()))
                .refreshRequest(assumeRoleRequest(target))
                .prefetchTime(PREFETCH)
                .staleTime(STALE)
                .asyncCredentialUpdateEnabled(false)
                .build();
        };
    }

    private Supplier<Optional<URI>> kmsEndpoint(Target target) {
        URI override = target.kmsEndpoint();
        if (override != null) {
            return () -> Optional.of(override);
        }
        if (mode == KmsMode.SANDBOX) {
            return () -> Optional.of(sandboxUri(SANDBOX_KMS_PATH));
        }
        return Optional::empty;
    }

    /**
     * The sandbox serves CloudHSM's DescribeClusters itself; in aws mode the SDK's
     * regional endpoint (a target's KMS endpoint override is a KMS VPC endpoint and says
     * nothing about CloudHSM).
     */
    private Supplier<Optional<URI>> cloudHsmEndpoint() {
        if (mode == KmsMode.SANDBOX) {
            return () -> Optional.of(sandboxUri(SANDBOX_CLOUDHSM_PATH));
        }
        return Optional::empty;
    }

    private StsEndpointProvider sandboxStsEndpoint() {
        return parameters -> CompletableFuture
            .completedFuture(Endpoint.builder().url(sandboxUri(SANDBOX_STS_PATH)).build());
    }

    /**
     * The sandbox is served by this application; its port is known only once the web
     * server runs.
     */
    private URI sandboxUri(String path) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Drops a target's credentials so that the next route gets fresh ones: for
     * credentials KMS refused as expired although the SDK still held them valid (a clock
     * off on either side).
     */
    public void renew(TargetName name) {
        forget(name);
    }

    /** Forgets a target's credentials (after a disable), closing its STS client. */
    void forget(TargetName name) {
        Cached old = providers.remove(name);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void destroy() {
        providers.values().forEach(Cached::close);
        providers.clear();
    }

    private record Cached(long version, AwsCredentialsProvider provider) {
        void close() {
            if (provider instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * The sandbox's keys as configured for the console (defaults: the documented fake
     * ones).
     */
    record SandboxKeys(@Nullable String accessKeyId, @Nullable String secretAccessKey) {

        @Override
        public String accessKeyId() {
            return accessKeyId == null ? SandboxDefaults.ACCESS_KEY_ID : accessKeyId;
        }

        @Override
        public String secretAccessKey() {
            return secretAccessKey == null ? SandboxDefaults.SECRET_ACCESS_KEY : secretAccessKey;
        }

        @Override
        public String toString() {
            return "SandboxKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
        }
    }

}
