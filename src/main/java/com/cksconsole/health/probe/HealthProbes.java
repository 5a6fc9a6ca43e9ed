package com.cksconsole.health.probe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.cksconsole.health.HealthHistory.ExternalKeyCheck;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.credentials.CredentialUnreadableException;
import com.cksconsole.health.credentials.MonitoringCredential;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.health.probe.HealthRepository.Described;
import com.cksconsole.health.probe.HealthRepository.StatusRow;
import com.cksconsole.health.tls.TlsEndpointCheck;
import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keys.KmsKey;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksHealthReport;
import com.cksconsole.xks.XksKeyCall;
import com.cksconsole.xks.XksKeyMetadata;
import com.cksconsole.xks.XksKeyResult;
import com.cksconsole.xks.XksProxyCredential;
import com.cksconsole.xks.XksRequestMetadata;

/**
 * The probe jobs and their scheduler (docs/health.md "Probes"). Every
 * {@code console.health.tick} this instance lists the jobs (one per usable target, and
 * per external store: GetHealthStatus, GetKeyMetadata, TLS; one for roll-up and
 * retention), and runs the due ones it can claim: a job runs only after one conditional
 * update gave this instance its lease, so each job runs once per period across all
 * console instances. Jobs run on this class's own small pool; pages never wait on them.
 */
class HealthProbes implements SmartLifecycle {

    /** Outcome of a probe whose monitoring credential could not be decrypted. */
    static final String CREDENTIAL_UNREADABLE = "CREDENTIAL_UNREADABLE";

    static final String RETENTION_JOB = "retention";

    private static final Duration RETENTION_INTERVAL = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(HealthProbes.class);

    private final HealthRepository repository;

    private final HealthJudge judge;

    private final HealthProperties properties;

    private final Supplier<List<KmsTarget>> targets;

    private final KeyStoreReads keyStores;

    private final MonitoringCredentials credentials;

    private final com.cksconsole.xks.XksProxyClient proxies;

    private final KeyInventory keys;

    private final TlsEndpointCheck tls;

    private final HealthMetrics metrics;

    private final Clock clock;

    private final String owner;

    private final ExecutorService workers;

    private volatile @Nullable ScheduledExecutorService ticker;

    HealthProbes(HealthRepository repository, HealthJudge judge, HealthProperties properties,
            Supplier<List<KmsTarget>> targets, KeyStoreReads keyStores, MonitoringCredentials credentials,
            com.cksconsole.xks.XksProxyClient proxies, KeyInventory keys, TlsEndpointCheck tls, HealthMetrics metrics,
            Clock clock, String owner) {
        this.repository = repository;
        this.judge = judge;
        this.properties = properties;
        this.targets = targets;
        this.keyStores = keyStores;
        this.credentials = credentials;
        this.proxies = proxies;
        this.keys = keys;
        this.tls = tls;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
        var threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.threads(), task -> {
            var thread = new Thread(task, "health-probe-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A unique owner name for this instance's leases. */
    static String newOwner() {
        return "console-" + UUID.randomUUID();
    }

    String owner() {
        return owner;
    }

    // ---------------------------------------------------------------- scheduling

    @Override
    public void start() {
        if (!properties.schedule()) {
            return;
        }
        var pool = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "health-probe-tick");
            thread.setDaemon(true);
            return thread;
        });
        ticker = pool;
        pool.scheduleWithFixedDelay(this::tick, properties.tick().toMillis(), properties.tick().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Health probes {} started (tick {}, interval {})", owner, properties.tick(), properties.interval());
    }

    @Override
    public void stop() {
        var pool = ticker;
        ticker = null;
        if (pool != null) {
            pool.shutdownNow();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    private void tick() {
        try {
            runDueJobs();
        }
        catch (RuntimeException e) {
            log.warn("Health probe tick failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Runs every job due now that this instance can claim, and waits for them: first the
     * targets' (they add and drop stores), then the stores', then roll-up and retention.
     * @return the keys of the jobs this instance ran
     */
    List<String> runDueJobs() {
        var ran = new ArrayList<String>();
        List<KmsTarget> usable = targets.get();
        Map<String, Runnable> targetJobs = new LinkedHashMap<>();
        for (KmsTarget target : usable) {
            targetJobs.put(key("target", target), () -> describeTarget(target));
        }
        ran.addAll(runDue(targetJobs, properties.interval(), Map.of()));

        Map<String, Runnable> storeJobs = new LinkedHashMap<>();
        Map<String, Duration> periods = new LinkedHashMap<>();
        for (KmsTarget target : usable) {
            for (StatusRow row : repository.status(target)) {
                if (!row.external() || row.uriEndpoint() == null || row.uriPath() == null) {
                    continue;
                }
                KeyStoreRef store = row.store();
                storeJobs.put(key("probe", store), () -> probe(store));
                storeJobs.put(key("keys", store), () -> checkKeys(store));
                periods.put(key("keys", store), properties.keyCheckInterval());
                if (tlsHost(row) != null) {
                    storeJobs.put(key("tls", store), () -> checkTls(store));
                    periods.put(key("tls", store), properties.tlsInterval());
                }
            }
        }
        storeJobs.put(RETENTION_JOB, this::rollUpAndExpire);
        periods.put(RETENTION_JOB, RETENTION_INTERVAL);
        var all = new ArrayList<String>(targetJobs.keySet());
        all.addAll(storeJobs.keySet());
        repository.removeJobsExcept(all, clock.instant());
        ran.addAll(runDue(storeJobs, properties.interval(), periods));
        metrics.refresh(repository.allStatus());
        return ran;
    }

    private List<String> runDue(Map<String, Runnable> jobs, Duration period, Map<String, Duration> periods) {
        // Whole milliseconds, as every database keeps them (a value rounded up on storage
        // would not be due at the instant it was written for).
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        repository.ensureJobs(jobs.keySet(), now);
        var running = new LinkedHashMap<String, Future<?>>();
        for (String key : repository.dueJobs(now)) {
            Runnable job = jobs.get(key);
            if (job == null || !repository.claim(key, owner, now, now.plus(properties.lease()))) {
                continue;
            }
            Duration every = periods.getOrDefault(key, period);
            running.put(key, workers.submit(() -> {
                try {
                    job.run();
                }
                catch (RuntimeException e) {
                    log.warn("Health job {} failed: {}", key, e.getClass().getSimpleName());
                }
                finally {
                    repository.finish(key, owner, clock.instant(), now.plus(every));
                }
            }));
        }
        for (var entry : running.entrySet()) {
            try {
                entry.getValue().get();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (ExecutionException e) {
                log.warn("Health job {} failed: {}", entry.getKey(), String.valueOf(e.getCause()).split(":")[0]);
            }
        }
        return List.copyOf(running.keySet());
    }

    static String key(String kind, KmsTarget target) {
        return kind + "|" + StoreColumns.account(target) + "|" + target.region();
    }

    static String key(String kind, KeyStoreRef store) {
        return key(kind, store.target()) + "|" + store.keyStoreId();
    }

    // ---------------------------------------------------------------- the jobs

    /** Reads the shared Describe snapshot of one target and records its stores. */
    void describeTarget(KmsTarget target) {
        SnapshotRead read = keyStores.list(target);
        Instant now = clock.instant();
        var ids = new ArrayList<String>();
        for (CustomKeyStore store : read.snapshot().stores()) {
            KeyStoreRef ref = new KeyStoreRef(target, store.id());
            ids.add(store.id());
            XksProxySettings xks = store.xks().orElse(XksProxySettings.NONE);
            repository.described(new Described(ref, store.name(), store.isExternal(),
                    xks.connectivity() == null ? null : xks.connectivity().name(), xks.uriEndpoint(), xks.uriPath(),
                    store.connectionState(), store.connectionErrorCode()), now);
        }
        if (!read.stale()) {
            repository.dropStatusExcept(target, ids);
        }
        for (String id : ids) {
            judge.rejudge(new KeyStoreRef(target, id));
        }
    }

    /** One GetHealthStatus with the store's monitoring credential, if it has one. */
    void probe(KeyStoreRef store) {
        var row = repository.status(store).orElse(null);
        if (row == null || row.uriEndpoint() == null || row.uriPath() == null) {
            return;
        }
        Optional<MonitoringCredential> credential;
        try {
            credential = credentials.find(store);
        }
        catch (CredentialUnreadableException e) {
            repository.recordSample(store, new ProbeSample(clock.instant(), CREDENTIAL_UNREADABLE, 0, null, null, null,
                    null, null, List.of()));
            judge.rejudge(store);
            return;
        }
        if (credential.isEmpty()) {
            return;
        }
        Instant at = clock.instant();
        var result = proxies.getHealthStatus(new XksHealthCheckRequest(URI.create(row.uriEndpoint()), row.uriPath(),
                proxyCredential(credential.get()), store.target().region(), "KmsHealthCheck",
                UUID.randomUUID().toString()));
        ProbeSample sample;
        if (result instanceof XksHealthCheckResult.Healthy healthy) {
            sample = sample(at, ProbeSample.HEALTHY, healthy.latency(), null, null, healthy.report());
        }
        else {
            var failed = (XksHealthCheckResult.Failed) result;
            sample = sample(at, failed.kind().name(), failed.latency(), failed.httpStatus(), failed.proxyErrorName(),
                    failed.report());
        }
        repository.recordSample(store, sample);
        metrics.recordLatency(row, result.latency());
        judge.rejudge(store);
    }

    private static ProbeSample sample(Instant at, String outcome, Duration latency, @Nullable Integer httpStatus,
            @Nullable String errorName, @Nullable XksHealthReport report) {
        if (report == null) {
            return new ProbeSample(at, outcome, latency.toMillis(), httpStatus, errorName, null, null, null, List.of());
        }
        return new ProbeSample(at, outcome, latency.toMillis(), httpStatus == null ? 200 : httpStatus, errorName,
                report.xksProxyVendor(), report.xksProxyModel(), report.xksProxyFleetSize(),
                report.ekmFleetDetails()
                    .stream()
                    .map(member -> new ProbeSample.ExternalKeyManager(member.id(), member.model(),
                            member.healthStatus()))
                    .toList());
    }

    /**
     * GetKeyMetadata of the external key of each of the store's KMS keys, with the
     * monitoring credential (XKS proxy API specification, "GetKeyMetadata").
     */
    void checkKeys(KeyStoreRef store) {
        var row = repository.status(store).orElse(null);
        if (row == null || row.uriEndpoint() == null || row.uriPath() == null) {
            return;
        }
        Optional<MonitoringCredential> credential;
        try {
            credential = credentials.find(store);
        }
        catch (CredentialUnreadableException e) {
            return;
        }
        if (credential.isEmpty()) {
            return;
        }
        var storeKeys = keys.keysOf(store);
        if (storeKeys.failed()) {
            return;
        }
        var checks = new ArrayList<ExternalKeyCheck>();
        for (KmsKey key : storeKeys.keys()) {
            String externalKeyId = key.xksKeyId();
            if (externalKeyId == null || key.pendingDeletion()) {
                continue;
            }
            // No KMS caller stands behind a monitoring call: "AWS Internal" is a
            // principal the specification allows, and a proxy must not reject an
            // unknown kmsOperation (XKS proxy API specification, "requestMetadata").
            var metadata = new XksRequestMetadata("AWS Internal", null, "KmsHealthCheck", UUID.randomUUID().toString(),
                    null);
            var result = proxies.getKeyMetadata(new XksKeyCall(URI.create(row.uriEndpoint()), row.uriPath(),
                    proxyCredential(credential.get()), store.target().region(), externalKeyId, metadata));
            Instant checkedAt = clock.instant();
            if (result instanceof XksKeyResult.Ok<XksKeyMetadata> ok) {
                checks.add(new ExternalKeyCheck(key.keyId(), externalKeyId, ok.value().keyStatus(), null, checkedAt));
            }
            else {
                var failed = (XksKeyResult.Failed<XksKeyMetadata>) result;
                checks.add(new ExternalKeyCheck(key.keyId(), externalKeyId, null, failed.kind().name(), checkedAt));
            }
        }
        repository.saveKeyChecks(store, checks);
        judge.rejudge(store);
    }

    /** The TLS check of the store's proxy endpoint. */
    void checkTls(KeyStoreRef store) {
        var row = repository.status(store).orElse(null);
        String host = row == null ? null : tlsHost(row);
        if (host == null) {
            return;
        }
        repository.saveTls(store, tls.check(host));
        judge.rejudge(store);
    }

    /**
     * The host to check the TLS of: the endpoint's host of a public endpoint store (in
     * aws mode), or of any store whose host the TLS check maps elsewhere
     * ({@code console.health.tls.hosts}, or a directory such as the sandbox's TLS
     * endpoints).
     */
    @Nullable String tlsHost(StatusRow row) {
        String endpoint = row.uriEndpoint();
        if (endpoint == null) {
            return null;
        }
        String host;
        try {
            host = URI.create(endpoint).getHost();
        }
        catch (IllegalArgumentException e) {
            return null;
        }
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (tls.mapped(host)) {
            return host;
        }
        // The TLS check knows which hosts it can reach (in sandbox mode only mapped
        // ones).
        boolean publicEndpoint = XksConnectivity.PUBLIC_ENDPOINT.name().equals(row.connectivity());
        return publicEndpoint && tls.reaches(host) ? host : null;
    }

    /**
     * Rolls raw probes older than raw-retention up; deletes what is older than retention.
     */
    void rollUpAndExpire() {
        Instant now = clock.instant();
        Instant rawBefore = now.minus(properties.rawRetention()).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        int rolled = repository.rollUp(rawBefore);
        repository.deleteOlderThan(now.minus(properties.retention()));
        if (rolled > 0) {
            log.info("Rolled {} health probes up into hourly figures", rolled);
        }
    }

    private static XksProxyCredential proxyCredential(MonitoringCredential credential) {
        return new XksProxyCredential(credential.accessKeyId(), credential.secretAccessKey().reveal());
    }

}
