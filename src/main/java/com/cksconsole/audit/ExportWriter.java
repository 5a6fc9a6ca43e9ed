package com.cksconsole.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Writes exported rows one at a time. Both formats carry every stored field under its
 * canonical name, plus the hash and the keyed link, so that the chain can be re-computed
 * from an export; and the last signed checkpoint, so that an export can be checked
 * against it with the public key alone (JSON Lines: the first line; CSV: a last record
 * {@code "checkpoint","<the same JSON>"}).
 *
 * <p>
 * CSV (RFC 4180, CRLF, every cell quoted): a cell that a spreadsheet would run as a
 * formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
 * return) gets a leading {@code '}. The CSV is for reading; verify with the JSON Lines
 * export, whose values are exactly the stored ones.
 */
abstract class ExportWriter {

    static final String[] FIELDS = { "seq", "prev_hash", "event_id", "kind", "entry_seq", "refers_to", "occurred_at",
            "actor", "actor_roles", "source_ip", "session_hash", "action", "target_region", "target_account",
            "target_store_id", "target_store_name", "parameters", "reason", "outcome", "error_name", "error_message",
            "kms_request_id", "duration_ms", "hash", "link" };

    protected final Writer out;

    ExportWriter(Writer out) {
        this.out = out;
    }

    static ExportWriter of(ExportFormat format, Writer out) {
        return format == ExportFormat.CSV ? new Csv(out) : new JsonLines(out);
    }

    /**
     * @param checkpoint the last signed checkpoint, if any, for the export to carry
     */
    abstract void start(@Nullable Checkpoint checkpoint);

    abstract void write(AuditEventRow row);

    void finish() {
        try {
            out.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static @Nullable Object[] values(AuditEventRow r) {
        return new @Nullable Object[] { r.seq(), r.prevHash(), r.eventId(), r.kind().name(), r.entrySeq(), r.refersTo(),
                r.occurredAt(), r.actor(), r.actorRoles(), r.sourceIp(), r.sessionHash(), r.action(), r.targetRegion(),
                r.targetAccount(), r.targetStoreId(), r.targetStoreName(), r.parameters(), r.reason(), r.outcome(),
                r.errorName(), r.errorMessage(), r.kmsRequestId(), r.durationMs(), r.hash(), r.link() };
    }

    protected void append(String text) {
        try {
            out.write(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Csv extends ExportWriter {

        Csv(Writer out) {
            super(out);
        }

        private @Nullable Checkpoint checkpoint;

        @Override
        void start(@Nullable Checkpoint lastCheckpoint) {
            this.checkpoint = lastCheckpoint;
            var line = new StringBuilder();
            for (int i = 0; i < FIELDS.length; i++) {
                line.append(i == 0 ? "" : ",").append(FIELDS[i]);
            }
            append(line.append("\r\n").toString());
        }

        @Override
        void finish() {
            if (checkpoint != null) {
                append(cell("checkpoint") + "," + cell(checkpoint.toJson()) + "\r\n");
            }
            super.finish();
        }

        @Override
        void write(AuditEventRow row) {
            var values = values(row);
            var line = new StringBuilder(256);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    line.append(',');
                }
                var value = values[i];
                if (value != null) {
                    line.append(cell(value.toString()));
                }
            }
            append(line.append("\r\n").toString());
        }

        /** A quoted cell; formula-like text neutralised with a leading apostrophe. */
        static String cell(String text) {
            String safe = text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 ? text : "'" + text;
            return '"' + safe.replace("\"", "\"\"") + '"';
        }

    }

    static final class JsonLines extends ExportWriter {

        JsonLines(Writer out) {
            super(out);
        }

        @Override
        void start(@Nullable Checkpoint checkpoint) {
            // One JSON object per line; the checkpoint first (its "type" tells it from an
            // event).
            if (checkpoint != null) {
                append(checkpoint.toJson() + "\n");
            }
        }

        @Override
        void write(AuditEventRow row) {
            var values = values(row);
            var object = new LinkedHashMap<String, @Nullable Object>();
            for (int i = 0; i < FIELDS.length; i++) {
                object.put(FIELDS[i], values[i]);
            }
            append(AuditJson.write(object) + "\n");
        }

    }

}
