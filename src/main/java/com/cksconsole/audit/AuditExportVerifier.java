package com.cksconsole.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Re-computes the hash chain of a JSON Lines export of the audit log, outside the console. It uses the JDK
 * only and none of the console's code (it re-implements the canonical form from its definition), so it runs
 * as a single source file:
 *
 * <pre>
 * java src/main/java/com/cksconsole/audit/AuditExportVerifier.java audit-export.jsonl
 * java src/main/java/com/cksconsole/audit/AuditExportVerifier.java --complete audit-export.jsonl
 * </pre>
 *
 * Every event's hash is re-computed from its fields; consecutive events must link (prev_hash = the hash of the
 * event before). A filtered export has gaps (events not exported), which are counted, not failed; with
 * {@code --complete} the export must be the whole chain from the first event. Compare the last hash it prints
 * with the head hash of the console's verification, or with a copy kept outside (SIEM, ticket).
 * Exit code 0: intact; 1: broken; 2: usage or unreadable file.
 */
public final class AuditExportVerifier {

    /** The canonical fields, in canonical order (see CanonicalForm). */
    static final String[] CANONICAL_FIELDS = {"seq", "prev_hash", "event_id", "kind", "entry_seq", "refers_to",
            "occurred_at", "actor", "actor_roles", "source_ip", "session_hash", "action", "target_region",
            "target_account", "target_store_id", "target_store_name", "parameters", "reason", "outcome", "error_name",
            "error_message", "kms_request_id", "duration_ms"};
    static final String GENESIS = "0".repeat(64);

    private AuditExportVerifier() {
    }

    public static void main(String[] args) throws IOException {
        boolean complete = args.length == 2 && args[0].equals("--complete");
        if (!(args.length == 1 || complete)) {
            System.err.println("usage: java AuditExportVerifier.java [--complete] <export.jsonl>");
            System.exit(2);
        }
        try (var reader = Files.newBufferedReader(Path.of(args[args.length - 1]), StandardCharsets.UTF_8)) {
            System.exit(verify(reader, complete, System.out).intact() ? 0 : 1);
        }
    }

    /** The outcome of a verification. */
    public record Result(boolean intact, long events, long linksChecked, long gaps, long lastSeq, String lastHash,
                         String message) {
    }

    public static Result verify(Reader input, boolean complete, PrintStream report) throws IOException {
        var lines = new BufferedReader(input);
        long events = 0;
        long links = 0;
        long gaps = 0;
        long previousSeq = 0;
        String previousHash = GENESIS;
        String line;
        long lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> event;
            try {
                event = new FlatJson(line).object();
            } catch (IllegalArgumentException e) {
                return fail(report, events, links, gaps, previousSeq, previousHash,
                        "line " + lineNumber + ": not a JSON object (" + e.getMessage() + ")");
            }
            long seq = Long.parseLong(required(event, "seq"));
            String hash = required(event, "hash");
            String computed = sha256(canonical(event));
            if (!computed.equals(hash)) {
                return fail(report, events, links, gaps, previousSeq, previousHash,
                        "line " + lineNumber + ": event " + seq + " was changed (its content does not match its hash)");
            }
            String prevHash = required(event, "prev_hash");
            if (events == 0 && complete && seq != 1) {
                return fail(report, events, links, gaps, previousSeq, previousHash,
                        "line " + lineNumber + ": a complete export starts with event 1, not " + seq);
            }
            if (seq == 1 && !prevHash.equals(GENESIS)) {
                return fail(report, events, links, gaps, previousSeq, previousHash,
                        "line " + lineNumber + ": event 1 does not start from the genesis hash");
            }
            if (events > 0 && seq <= previousSeq) {
                return fail(report, events, links, gaps, previousSeq, previousHash,
                        "line " + lineNumber + ": event " + seq + " comes after event " + previousSeq);
            }
            if (events > 0 && seq == previousSeq + 1) {
                if (!prevHash.equals(previousHash)) {
                    return fail(report, events, links, gaps, previousSeq, previousHash, "line " + lineNumber
                            + ": event " + seq + " does not link to event " + previousSeq);
                }
                links++;
            } else if (events > 0 || seq > 1) {
                if (complete) {
                    return fail(report, events, links, gaps, previousSeq, previousHash, "line " + lineNumber
                            + ": events " + (previousSeq + 1) + " to " + (seq - 1) + " are missing");
                }
                gaps++;
            }
            events++;
            previousSeq = seq;
            previousHash = hash;
        }
        String message = "OK: " + events + " events, every hash re-computed, " + links + " links checked, " + gaps
                + " gaps (events not in this export); last event " + previousSeq + " has hash " + previousHash;
        report.println(message);
        return new Result(true, events, links, gaps, previousSeq, previousHash, message);
    }

    private static Result fail(PrintStream report, long events, long links, long gaps, long lastSeq, String lastHash,
                               String why) {
        report.println("BROKEN: " + why);
        return new Result(false, events, links, gaps, lastSeq, lastHash, why);
    }

    /** The canonical form: a header line, then per field {@code <utf-8 length>:<value>\n}, or {@code ~\n} for null. */
    static byte[] canonical(Map<String, String> event) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("cks-audit-v1\n".getBytes(StandardCharsets.UTF_8));
        for (String field : CANONICAL_FIELDS) {
            if (!event.containsKey(field)) {
                throw new IllegalArgumentException("field " + field + " is missing");
            }
            String value = event.get(field);
            if (value == null) {
                out.writeBytes("~\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(bytes);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static String required(Map<String, String> event, String field) {
        String value = event.get(field);
        if (value == null) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return value;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A parser for one flat JSON object whose values are strings, numbers, booleans or null (what an export
     * line holds): each value is kept as its text (a number as written), null as null.
     */
    static final class FlatJson {

        private final String text;
        private int pos;

        FlatJson(String text) {
            this.text = text;
        }

        Map<String, String> object() {
            var result = new HashMap<String, String>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
                return result;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                result.put(key, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or } at " + (pos - 1));
                }
            }
            skipSpace();
            if (pos != text.length()) {
                throw new IllegalArgumentException("trailing content at " + pos);
            }
            return result;
        }

        private String value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            if (text.startsWith("true", pos)) {
                pos += 4;
                return "true";
            }
            if (text.startsWith("false", pos)) {
                pos += 5;
                return "false";
            }
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("unexpected value at " + pos);
            }
            return text.substring(start, pos);
        }

        private String string() {
            expect('"');
            var sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw new IllegalArgumentException("short \\u escape");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (pos - 1));
            }
        }
    }
}
