package com.cksconsole.audit;

import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the chain and signs checkpoints of its head. A checkpoint is only ever signed
 * over a chain that has just verified (public hashes, keyed links, and the previous
 * checkpoint), so that a signature never blesses a forged event. Each checkpoint goes to
 * the append-only checkpoint file and, as one JSON line, to the {@code AUDIT} log.
 */
class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final ChainVerifier verifier;

    private final AuditTrail trail;

    private final CheckpointFile file;

    private final CheckpointKey key;

    private final ChainKey chainKey;

    private final AuditJsonLog jsonLog;

    private final Clock clock;

    AuditCheckpoints(ChainVerifier verifier, AuditTrail trail, CheckpointFile file, CheckpointKey key,
            ChainKey chainKey, AuditJsonLog jsonLog, Clock clock) {
        this.verifier = verifier;
        this.trail = trail;
        this.file = file;
        this.key = key;
        this.chainKey = chainKey;
        this.jsonLog = jsonLog;
        this.clock = clock;
    }

    /**
     * Verifies the whole chain. When it is intact, intents without outcome that are
     * missing from the open-intent list are listed again, so that the next describe
     * reconciles them.
     */
    ChainVerifier.Verification verify() {
        var verification = verifier.verifyWithOpenIntents();
        if (!verification.report().intact()) {
            return verification;
        }
        int relisted = trail.relistOpenIntents(verification.openIntents());
        if (relisted > 0) {
            log.warn("{} audit intents without outcome were missing from the open-intent list (deleted outside the "
                    + "console) and were listed again", relisted);
        }
        return new ChainVerifier.Verification(verification.report().withRelistedIntents(relisted),
                verification.openIntents(), verification.headLink());
    }

    /** A signed checkpoint, or why none was signed. */
    record Signing(@Nullable Checkpoint checkpoint, ChainReport report, @Nullable String refusal) {
    }

    /** Verifies the chain and, if it is intact and not empty, signs its head. */
    Signing sign() {
        var verification = verify();
        var report = verification.report();
        if (!report.intact()) {
            String why = report.firstBreak() != null ? "the chain is broken at event " + report.firstBreak().seq()
                    + " (" + report.firstBreak().kind() + "): " + report.firstBreak().description()
                    : report.checkpoint().description();
            log.error("No audit checkpoint signed: {}", why);
            return new Signing(null, report, why);
        }
        if (report.headSeq() == 0) {
            return new Signing(null, report, "the chain holds no event yet");
        }
        var checkpoint = Checkpoint.sign(report.headSeq(), report.headHash(), verification.headLink(),
                report.keyedFrom(), CanonicalForm.time(clock.instant()), chainKey.id(), key);
        file.append(checkpoint);
        jsonLog.checkpoint(checkpoint);
        return new Signing(checkpoint, report, null);
    }

    /**
     * The periodic checkpoint: signed only when events were appended since the last one.
     */
    void signIfHeadMoved() {
        try {
            var latest = latest();
            long headSeq = verifier.headSeq();
            if (headSeq == 0 || latest.isPresent() && latest.get().seq() >= headSeq) {
                return;
            }
            sign();
        }
        catch (RuntimeException e) {
            log.error("The periodic audit checkpoint failed: {}", e.toString());
        }
    }

    /**
     * The last checkpoint of the file, as it stands (not verified); empty when none can
     * be read.
     */
    Optional<Checkpoint> latest() {
        try {
            return file.latest();
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    CheckpointKey key() {
        return key;
    }

}
