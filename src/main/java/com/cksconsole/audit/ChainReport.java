package com.cksconsole.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The result of a verification of the whole chain.
 *
 * @param checked how many events were checked and found intact, from the first
 * @param headSeq the last seq the chain head records
 * @param headHash the hash of the last event: keep it outside the console (ticket, SIEM) to anchor the chain
 * @param firstBreak the first broken link, or null when the chain is intact
 * @param pendingIntents intents whose outcome is unknown
 */
public record ChainReport(long checked, long headSeq, String headHash, @Nullable ChainBreak firstBreak,
                          long pendingIntents, Instant verifiedAt) {

    public boolean intact() {
        return firstBreak == null;
    }
}
