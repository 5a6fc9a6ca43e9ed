package com.cksconsole.audit;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * The result of a verification of the whole chain.
 *
 * @param checked how many events were checked and found intact, from the first
 * @param headSeq the last seq the chain head records
 * @param headHash the hash of the last event: keep it outside the console (ticket, SIEM)
 * to anchor the chain
 * @param firstBreak the first broken link, or null when the chain is intact
 * @param pendingIntents intents whose outcome is unknown, counted along the chain itself
 * (intents without an outcome event), not from the open-intent list
 * @param verifiedAt when the verification ran (the report travels to the report page as a
 * flash attribute, hence serializable)
 * @param keyedFrom the first event that carries a keyed link (events before it were
 * written before the keyed chain existed and are protected by their public hashes and the
 * checkpoints only)
 * @param checkpoint how the chain compares with the last signed checkpoint
 * @param relistedIntents intents without outcome that were missing from the open-intent
 * list and were listed again (someone deleted them there)
 */
public record ChainReport(long checked, long headSeq, String headHash, @Nullable ChainBreak firstBreak,
        long pendingIntents, Instant verifiedAt, long keyedFrom, CheckpointCheck checkpoint,
        long relistedIntents) implements Serializable {

    public boolean intact() {
        return firstBreak == null && checkpoint.acceptable();
    }

    /** The time of the verification as the pages show it. */
    public String displayVerifiedAt() {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(verifiedAt);
    }

    ChainReport withRelistedIntents(long relisted) {
        return new ChainReport(checked, headSeq, headHash, firstBreak, pendingIntents, verifiedAt, keyedFrom,
                checkpoint, relisted);
    }
}
