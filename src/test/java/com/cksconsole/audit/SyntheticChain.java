package com.cksconsole.audit;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Generates a large, realistic audit log for the benchmark and loads it into PostgreSQL
 * with COPY. The chain is genuine: every row's hash and keyed link (under
 * {@link AuditFixture#CHAIN_KEY}) is computed in Java exactly as the console computes it,
 * so the loaded log also verifies. Mix per entry: sign-ins (some failed), sign-outs,
 * denials, refusals and KMS changes written as an intent followed by its outcome; a few
 * intents keep no outcome (PENDING). 50 users, 200 key stores, one entry about every
 * minute over the covered period.
 */
public final class SyntheticChain {

    public static final int USERS = 50;

    public static final int STORES = 200;

    public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private static final String[] STORE_IDS = new String[STORES];

    private static final int BATCH = 20_000;

    static {
        var random = new Random(7);
        for (int i = 0; i < STORES; i++) {
            byte[] bytes = new byte[9];
            random.nextBytes(bytes);
            STORE_IDS[i] = "cks-" + HexFormat.of().formatHex(bytes).substring(0, 17);
        }
    }

    /** What was generated, for choosing the benchmark's filters. */
    public record Summary(long rows, long entries, long pendingIntents, Instant first, Instant last, String headHash) {
    }

    private SyntheticChain() {
    }

    public static String storeId(int index) {
        return STORE_IDS[index];
    }

    public static String user(int index) {
        return "user-%02d".formatted(index);
    }

    /**
     * Appends {@code rows} chained rows to the (empty, migrated) log of
     * {@code dataSource}.
     */
    public static Summary load(DataSource dataSource, int rows) throws SQLException, IOException {
        var random = new Random(42);
        String previousHash = CanonicalForm.GENESIS;
        String previousLink = null;
        Instant time = START;
        long seq = 0;
        long entries = 0;
        long pending = 0;
        var batch = new StringBuilder(BATCH * 700);
        var open = new StringBuilder();
        int inBatch = 0;
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            // The columns in the order of ExportWriter.values, which writes each row.
            String copyEvents = "copy audit_event (" + String.join(", ", ExportWriter.FIELDS)
                    + ") from stdin with (format csv)";
            while (seq < rows) {
                time = time.plus(Duration.ofMillis(30_000 + random.nextInt(60_000)));
                String actor = user(random.nextInt(USERS));
                String roles = random.nextInt(10) == 0 ? "ADMIN" : "OPERATOR,VIEWER";
                String ip = "10.%d.%d.%d".formatted(random.nextInt(4), random.nextInt(256), 1 + random.nextInt(254));
                String session = AuditContextResolver.sha256(actor + "/" + (seq / 40));
                int kind = random.nextInt(100);
                entries++;
                if (kind < 60 || seq + 1 >= rows) {
                    String action;
                    String outcome = "SUCCEEDED";
                    String error = null;
                    String store = null;
                    if (kind < 35) {
                        action = "SIGN_IN";
                    }
                    else if (kind < 40) {
                        action = "SIGN_IN";
                        outcome = "FAILED";
                        error = "BadCredentials";
                    }
                    else if (kind < 52) {
                        action = "SIGN_OUT";
                    }
                    else if (kind < 56) {
                        action = "ACCESS_DENIED";
                        outcome = "DENIED";
                        error = "AccessDenied";
                    }
                    else {
                        action = "UPDATE_CUSTOM_KEY_STORE";
                        outcome = "REJECTED";
                        error = "Rejected";
                        store = STORE_IDS[random.nextInt(STORES)];
                    }
                    seq++;
                    var row = linked(previousLink,
                            new AuditEventRow(seq, previousHash, UUID.randomUUID().toString(), EventKind.EVENT, seq,
                                    null, CanonicalForm.time(time), actor, roles, ip, session, action,
                                    store == null ? null : "us-east-1", store == null ? null : "111122223333", store,
                                    store == null ? null : "store " + store.substring(4, 9), "[]", null, outcome, error,
                                    error == null ? null : "synthetic", null, null, ""));
                    csv(batch, row);
                    previousHash = row.hash();
                    previousLink = row.link();
                    inBatch++;
                }
                else {
                    String action = kind < 85 ? "UPDATE_CUSTOM_KEY_STORE"
                            : kind < 93 ? "CONNECT_CUSTOM_KEY_STORE" : "DISCONNECT_CUSTOM_KEY_STORE";
                    String store = STORE_IDS[random.nextInt(STORES)];
                    String parameters = action.equals("UPDATE_CUSTOM_KEY_STORE")
                            ? "[{\"name\":\"CustomKeyStoreName\",\"kind\":\"CHANGE\",\"before\":\"name-" + seq
                                    + "\",\"after\":\"name-" + (seq + 1) + "\"}]"
                            : "[]";
                    seq++;
                    long intentSeq = seq;
                    var intent = linked(previousLink,
                            new AuditEventRow(seq, previousHash, UUID.randomUUID().toString(), EventKind.INTENT, seq,
                                    null, CanonicalForm.time(time), actor, roles, ip, session, action, "us-east-1",
                                    "111122223333", store, "store " + store.substring(4, 9), parameters,
                                    random.nextInt(3) == 0 ? "CHG-" + random.nextInt(10_000) : null, null, null, null,
                                    null, null, ""));
                    csv(batch, intent);
                    previousHash = intent.hash();
                    previousLink = intent.link();
                    inBatch++;
                    if (random.nextInt(10_000) == 0) {
                        pending++;
                        open.append(intentSeq)
                            .append(',')
                            .append(intent.eventId())
                            .append(',')
                            .append(store)
                            .append(',')
                            .append(intent.occurredAt())
                            .append('\n');
                    }
                    else {
                        boolean failed = random.nextInt(20) == 0;
                        time = time.plusMillis(20 + random.nextInt(400));
                        seq++;
                        var outcome = linked(previousLink,
                                new AuditEventRow(seq, previousHash, UUID.randomUUID().toString(), EventKind.OUTCOME,
                                        intentSeq, intent.eventId(), CanonicalForm.time(time), actor, roles, ip,
                                        session, action, "us-east-1", "111122223333", store, intent.targetStoreName(),
                                        "[]", null, failed ? "FAILED" : "SUCCEEDED",
                                        failed ? "CustomKeyStoreInvalidStateException" : null,
                                        failed ? "synthetic failure" : null, UUID.randomUUID().toString(),
                                        (long) (20 + random.nextInt(300)), ""));
                        csv(batch, outcome);
                        previousHash = outcome.hash();
                        previousLink = outcome.link();
                        inBatch++;
                    }
                }
                if (inBatch >= BATCH) {
                    copy.copyIn(copyEvents, new StringReader(batch.toString()));
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                copy.copyIn(copyEvents, new StringReader(batch.toString()));
            }
            if (!open.isEmpty()) {
                copy.copyIn("copy audit_open_intent (intent_seq, event_id, target_store_id, opened_at) from stdin "
                        + "with (format csv)", new StringReader(open.toString()));
            }
            try (var statement = connection.prepareStatement(
                    "update audit_chain_head set last_seq = ?, last_hash = ?, last_occurred_at = ?, last_link = ?, "
                            + "chain_key_id = ? where id = 1")) {
                statement.setLong(1, seq);
                statement.setString(2, previousHash);
                statement.setObject(3, AuditEventRepository.utc(time));
                statement.setString(4, previousLink);
                statement.setString(5, AuditFixture.CHAIN_KEY.id());
                statement.executeUpdate();
            }
            // A log that grew over months has been vacuumed (hint bits, visibility map)
            // and analysed by autovacuum;
            // a bulk load has not: do it now, so that the queries are measured in that
            // steady state.
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("vacuum (analyze) audit_event");
                statement.execute("vacuum (analyze) audit_open_intent");
            }
        }
        return new Summary(seq, entries, pending, START, time, previousHash);
    }

    private static AuditEventRow linked(String previousLink, AuditEventRow row) {
        var hashed = row.withHash(CanonicalForm.hash(row));
        return hashed.withLink(AuditFixture.CHAIN_KEY.link(row.seq(),
                previousLink == null ? row.prevHash() : previousLink, hashed.hash()));
    }

    private static void csv(StringBuilder out, AuditEventRow r) {
        var values = ExportWriter.values(r);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            var value = values[i];
            if (value != null) {
                out.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

}
