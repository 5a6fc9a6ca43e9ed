package com.cksconsole.audit;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * Reads the audit log: search pages, one entry, a store's change history, the chain
 * verification and the streamed exports. The verification, exports and secret checks are
 * themselves audited.
 */
public class AuditLog {

    /** The largest page the views ask for. */
    public static final int MAX_PAGE_SIZE = 200;

    private final AuditQueries queries;

    private final AuditCheckpoints checkpoints;

    private final AuditTrail trail;

    private final SecretFingerprinter fingerprinter;

    private final SecretCheckLimit secretChecks;

    private final AuditContextResolver contexts;

    private final Duration exportTimeout;

    AuditLog(AuditQueries queries, AuditCheckpoints checkpoints, AuditTrail trail, SecretFingerprinter fingerprinter,
            SecretCheckLimit secretChecks, AuditContextResolver contexts, Duration exportTimeout) {
        this.queries = queries;
        this.checkpoints = checkpoints;
        this.trail = trail;
        this.fingerprinter = fingerprinter;
        this.secretChecks = secretChecks;
        this.contexts = contexts;
        this.exportTimeout = exportTimeout;
    }

    /**
     * Entries matching the filter, newest first, older than {@code before} (null: from
     * the newest).
     */
    public AuditPage page(AuditFilter filter, @Nullable Long before, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Page size must be 1 to " + MAX_PAGE_SIZE);
        }
        return queries.page(filter, before, size);
    }

    /** The accounts and Regions the events name, for the search's lists. */
    public AuditTargetValues targetValues() {
        return queries.targetValues();
    }

    /**
     * The entry an event ID belongs to (the ID of an outcome event leads to its intent's
     * entry).
     */
    public Optional<AuditEntry> entry(String eventId) {
        return queries.entryOf(eventId);
    }

    /**
     * The newest entries about one key store, newest first: who changed which field from
     * what to what, when, why, with which outcome and KMS request ID. Asked by account,
     * Region and ID, so that a store with the same ID in another target never shows. For
     * the key store page:
     * {@code model.addAttribute("storeHistory", auditLog.changeHistory(ref, 20))} and
     * {@code <div th:replace="~{audit/fragments ::
     * storeHistory(${storeHistory})}"></div>}.
     */
    public List<AuditEntry> changeHistory(KeyStoreRef ref, int limit) {
        return page(AuditFilter.store(ref), null, limit).entries();
    }

    /**
     * The newest entries naming a key store ID in any account and Region, newest first
     * (for tests and tools that know a store by its ID only; pages use
     * {@link #changeHistory(KeyStoreRef, int)}).
     */
    public List<AuditEntry> changeHistory(String storeId, int limit) {
        return page(AuditFilter.store(storeId), null, limit).entries();
    }

    /**
     * Verifies the whole chain (public hashes, keyed links, the last signed checkpoint)
     * and records that it was verified, with the result.
     */
    public ChainReport verify() {
        var report = checkpoints.verify().report();
        var intent = AuditIntent.of(AuditLogAction.VERIFY_AUDIT_CHAIN, AuditTarget.none())
            .value("checked", Long.toString(report.checked()))
            .value("headSeq", Long.toString(report.headSeq()))
            .value("headHash", report.headHash())
            .value("result", report.intact() ? "intact"
                    : report.firstBreak() == null ? "checkpoint " + report.checkpoint().status()
                            : "broken at " + report.firstBreak().seq() + " (" + report.firstBreak().kind() + ")")
            .value("checkpoint", report.checkpoint().status().name())
            .value("relistedIntents", Long.toString(report.relistedIntents()))
            .build();
        trail
            .record(intent,
                    report.intact() ? AuditResult.succeeded()
                            : AuditResult.failed("ChainBroken", report.firstBreak() != null
                                    ? report.firstBreak().description() : report.checkpoint().description(), null,
                                    null));
        return report;
    }

    /**
     * Verifies the chain and, when it is intact, signs a checkpoint of its head (on
     * demand; the console also signs one every
     * {@code console.audit.checkpoint-interval}). Recorded, signed or refused.
     * @throws AuditUnavailableException the request could not be recorded (a checkpoint
     * may have been signed)
     */
    public CheckpointResult signCheckpoint() {
        var signing = checkpoints.sign();
        var checkpoint = signing.checkpoint();
        var intent = AuditIntent.of(AuditLogAction.SIGN_AUDIT_CHECKPOINT, AuditTarget.none());
        if (checkpoint != null) {
            intent.value("seq", Long.toString(checkpoint.seq()))
                .value("hash", checkpoint.hash())
                .value("publicKey", checkpoint.publicKey());
        }
        trail.record(intent.build(), checkpoint != null ? AuditResult.succeeded()
                : AuditResult.failed("NotSigned", signing.refusal(), null, null));
        return new CheckpointResult(checkpoint, signing.report(), signing.refusal());
    }

    /** The outcome of {@link #signCheckpoint}: the checkpoint, or why none was signed. */
    public record CheckpointResult(@Nullable Checkpoint checkpoint, ChainReport report, @Nullable String refusal) {
    }

    /** The last signed checkpoint (as the checkpoint file holds it), if any. */
    public Optional<Checkpoint> latestCheckpoint() {
        return checkpoints.latest();
    }

    /**
     * The public key that checks checkpoints, as PEM (X.509), for the verification page
     * and its download.
     */
    public String checkpointPublicKeyPem() {
        return checkpoints.key().publicKeyPem();
    }

    /**
     * The fingerprint of the checkpoint key ({@code sha256:<hex>}), to compare with a
     * copy kept elsewhere.
     */
    public String checkpointPublicKeyFingerprint() {
        return checkpoints.key().fingerprint();
    }

    /**
     * Records that an export was made (fail closed: no record, no export), then returns
     * the export to stream. Call it in the request thread, so that the record carries the
     * user and source IP.
     * @throws AuditUnavailableException the export could not be recorded
     */
    public Export startExport(AuditFilter filter, ExportFormat format) {
        trail.record(AuditIntent.of(AuditLogAction.EXPORT_AUDIT_LOG, AuditTarget.none())
            .value("format", format.name())
            .value("filter", filter.describe())
            .build(), AuditResult.succeeded());
        return new Export(filter, format);
    }

    /**
     * Whether {@code candidate} is the secret whose fingerprint an event recorded for
     * {@code parameterName}; empty when the event has no such secret. The check is
     * recorded (never the candidate).
     * @throws SecretCheckLimitException the user made
     * {@code console.audit.secret-check-per-minute} checks in the last minute: nothing
     * was compared (the refusal is recorded)
     */
    public Optional<Boolean> checkSecret(String eventId, String parameterName, CharSequence candidate) {
        var wait = secretChecks.take(contexts.current().actor());
        if (wait.isPresent()) {
            trail.record(
                    AuditIntent.of(AuditLogAction.CHECK_SECRET_FINGERPRINT, AuditTarget.none())
                        .value("eventId", eventId)
                        .value("parameter", parameterName)
                        .build(),
                    AuditResult
                        .rejected(List.of("More than " + secretChecks.perMinute() + " secret checks in a minute")));
            throw new SecretCheckLimitException(secretChecks.perMinute(), wait.get());
        }
        var fingerprint = entry(eventId).stream()
            .flatMap(e -> e.event().parameters().stream())
            .filter(p -> p.kind() == AuditParameter.Kind.SECRET_REPLACED && p.name().equals(parameterName))
            .map(AuditParameter::fingerprint)
            .findFirst();
        if (fingerprint.isEmpty()) {
            return Optional.empty();
        }
        boolean matches = fingerprinter.matches(fingerprint.get(), candidate);
        trail.record(AuditIntent.of(AuditLogAction.CHECK_SECRET_FINGERPRINT, AuditTarget.none())
            .value("eventId", eventId)
            .value("parameter", parameterName)
            .value("matches", Boolean.toString(matches))
            .build(), AuditResult.succeeded());
        return Optional.of(matches);
    }

    /**
     * An export whose recording is done; {@link #writeTo} streams it with constant
     * memory.
     */
    public final class Export {

        private final AuditFilter filter;

        private final ExportFormat format;

        private Export(AuditFilter filter, ExportFormat format) {
            this.filter = filter;
            this.format = format;
        }

        public ExportFormat format() {
            return format;
        }

        /**
         * How long the server lets the export stream
         * ({@code console.audit.export-timeout}).
         */
        public Duration timeout() {
            return exportTimeout;
        }

        public void writeTo(OutputStream stream) {
            var writer = ExportWriter.of(format,
                    new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024));
            // Read before the rows: every event the checkpoint covers is then in a
            // complete export.
            writer.start(checkpoints.latest().orElse(null));
            queries.stream(filter, writer::write);
            writer.finish();
        }

    }

}
