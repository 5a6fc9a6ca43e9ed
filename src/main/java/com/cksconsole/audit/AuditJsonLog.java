package com.cksconsole.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every audit event as one JSON line to the logger {@code AUDIT}, for a SIEM. The
 * line carries the same (already redacted) content as the database row, plus seq and
 * hashes, so that a SIEM copy also anchors the chain outside the database. An event that
 * could not be stored is still logged, with {@code "stored":false}.
 */
class AuditJsonLog {

    static final String LOGGER = "AUDIT";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    void stored(AuditEventRow row) {
        if (!log.isInfoEnabled()) {
            return;
        }
        var line = new LinkedHashMap<String, @Nullable Object>();
        line.put("stored", true);
        line.put("seq", row.seq());
        line.put("eventId", row.eventId());
        line.put("kind", row.kind().name());
        line.put("entrySeq", row.entrySeq());
        line.put("refersTo", row.refersTo());
        line.put("time", row.occurredAt());
        line.put("actor", row.actor());
        line.put("roles", row.actorRoles().isEmpty() ? new String[0] : row.actorRoles().split(","));
        line.put("sourceIp", row.sourceIp());
        line.put("sessionHash", row.sessionHash());
        line.put("action", row.action());
        line.put("target", target(row.targetRegion(), row.targetAccount(), row.targetStoreId(), row.targetStoreName()));
        line.put("parameters", AuditJson.tree(row.parameters()));
        line.put("reason", row.reason());
        line.put("outcome", row.outcome() != null ? row.outcome()
                : row.kind() == EventKind.INTENT ? AuditOutcome.PENDING.name() : null);
        line.put("errorName", row.errorName());
        line.put("errorMessage", row.errorMessage());
        line.put("kmsRequestId", row.kmsRequestId());
        line.put("durationMs", row.durationMs());
        line.put("prevHash", row.prevHash());
        line.put("hash", row.hash());
        line.put("link", row.link());
        log.info(AuditJson.write(line));
    }

    /**
     * A signed checkpoint of the chain head, as the checkpoint file holds it (a second
     * copy outside the database).
     */
    void checkpoint(Checkpoint checkpoint) {
        log.info(checkpoint.toJson());
    }

    void notStored(NewEvent event, @Nullable String why) {
        var line = new LinkedHashMap<String, @Nullable Object>();
        line.put("stored", false);
        line.put("storeError", why);
        line.put("eventId", event.eventId());
        line.put("kind", event.kind().name());
        line.put("refersTo", event.refersTo());
        line.put("actor", event.context().actor());
        line.put("roles", event.context().roles());
        line.put("sourceIp", event.context().sourceIp());
        line.put("sessionHash", event.context().sessionHash());
        line.put("action", event.action());
        var t = event.target();
        line.put("target", target(t.region(), t.accountId(), t.storeId(), t.storeName()));
        line.put("parameters", AuditJson.tree(event.parameters()));
        line.put("reason", event.reason());
        line.put("outcome", event.outcome() == null ? AuditOutcome.PENDING.name() : event.outcome().name());
        line.put("errorName", event.errorName());
        line.put("errorMessage", event.errorMessage());
        line.put("kmsRequestId", event.kmsRequestId());
        line.put("durationMs", event.durationMs());
        log.error(AuditJson.write(line));
    }

    private static Map<String, @Nullable String> target(@Nullable String region, @Nullable String account,
            @Nullable String storeId, @Nullable String storeName) {
        var target = new LinkedHashMap<String, @Nullable String>();
        target.put("region", region);
        target.put("accountId", account);
        target.put("storeId", storeId);
        target.put("storeName", storeName);
        return target;
    }

}
