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
 * @param headHash the hash of the last event: keep it outside the console (ticket, SIEM) to anchor the chain
 * @param firstBreak the first broken link, or null when the chain is intact
 * @param pendingIntents intents whose outcome is unknown
 * @param verifiedAt when the verification ran (the report travels to the report page as a flash attribute,
 *     hence serializable)
 */
public record ChainReport(long checked, long headSeq, String headHash, @Nullable ChainBreak firstBreak,
                          long pendingIntents, Instant verifiedAt) implements Serializable {

    public boolean intact() {
        return firstBreak == null;
    }

    /** The time of the verification as the pages show it. */
    public String displayVerifiedAt() {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(verifiedAt);
    }
}
