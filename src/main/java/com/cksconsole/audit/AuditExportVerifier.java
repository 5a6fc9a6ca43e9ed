package com.cksconsole.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Re-computes the hash chain of a JSON Lines export of the audit log, outside the
 * console, and checks it against the signed checkpoint the export carries. It uses the
 * JDK only and none of the console's code (it re-implements the canonical form, the keyed
 * link and the checkpoint's signed form from their definitions), so it runs as a single
 * source file:
 *
 * <pre>
 * java src/main/java/com/cksconsole/audit/AuditExportVerifier.java audit-export.jsonl
 * java src/main/java/com/cksconsole/audit/AuditExportVerifier.java --complete --public-key key.pem audit-export.jsonl
 * java src/main/java/com/cksconsole/audit/AuditExportVerifier.java --complete --public-key key.pem \
 *      --chain-key-file chain.key audit-export.jsonl
 * </pre>
 *
 * Every event's hash is re-computed from its fields; consecutive events must link
 * (prev_hash = the hash of the event before). A filtered export has gaps (events not
 * exported), which are counted, not failed; with {@code --complete} the export must be
 * the whole chain from the first event. With {@code --public-key} (the PEM from the
 * verification page) the export's checkpoint must be signed by that key and the exported
 * event at the checkpoint must be the signed one, so no event up to it can have been
 * changed, removed or replaced; events after the checkpoint are checked by their public
 * hashes only. The keyed links cannot be re-computed without the chain key:
 * {@code --chain-key-file} (a file holding {@code console.audit.chain-key}) checks them
 * too. Exit code 0: intact; 1: broken; 2: usage or unreadable file.
 */
// NullAway is off here: being a JDK-only single source file, it cannot import JSpecify's
// @Nullable to mark the
// nulls it does use (absent options, absent checkpoint fields, "no problem" results).
@SuppressWarnings("NullAway")
public final class AuditExportVerifier {

    /** The canonical fields, in canonical order (see CanonicalForm). */
    static final String[] CANONICAL_FIELDS = { "seq", "prev_hash", "event_id", "kind", "entry_seq", "refers_to",
            "occurred_at", "actor", "actor_roles", "source_ip", "session_hash", "action", "target_region",
            "target_account", "target_store_id", "target_store_name", "parameters", "reason", "outcome", "error_name",
            "error_message", "kms_request_id", "duration_ms" };

    /** The signed fields of a checkpoint, in signed order (see Checkpoint). */
    static final String[] CHECKPOINT_FIELDS = { "seq", "hash", "link", "keyed_from", "created_at", "chain_key_id",
            "public_key" };
    static final String GENESIS = "0".repeat(64);
    static final String CHECKPOINT_TYPE = "cks-audit-checkpoint";

    private AuditExportVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * The command without the exit: its exit code (0 intact, 1 broken, 2 usage or
     * unreadable file).
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean complete = false;
        PublicKey publicKey = null;
        byte[] chainKey = null;
        String file = null;
        String reading = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--complete" -> complete = true;
                    case "--public-key" -> {
                        reading = args[++i];
                        publicKey = publicKey(Files.readString(Path.of(reading)));
                    }
                    case "--chain-key-file" -> {
                        reading = args[++i];
                        chainKey = Base64.getDecoder().decode(Files.readString(Path.of(reading)).strip());
                    }
                    default -> {
                        if (file != null || args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unexpected " + args[i]);
                        }
                        file = args[i];
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no export file");
            }
            reading = file;
            try (var reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                return verify(reader, new Options(complete, publicKey, chainKey), out).intact() ? 0 : 1;
            }
        }
        catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            err.println("usage: java AuditExportVerifier.java [--complete] [--public-key <key.pem>] "
                    + "[--chain-key-file <file>] <export.jsonl>  (" + e.getMessage() + ")");
            return 2;
        }
        catch (IOException e) {
            err.println("cannot read " + reading + ": " + whyUnreadable(e));
            return 2;
        }
    }

    /** Why a file could not be read, in words rather than an exception's class name. */
    static String whyUnreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * What to check.
     *
     * @param complete the export must be the whole chain from event 1
     * @param publicKey the checkpoint key (null: the checkpoint's signature is not
     * checked)
     * @param chainKey the chain key's bytes (null: keyed links are not checked)
     */
    public record Options(boolean complete, PublicKey publicKey, byte[] chainKey) {
    }

    /**
     * The outcome of a verification.
     *
     * @param checkpoint what was found about the export's checkpoint
     */
    public record Result(boolean intact, long events, long linksChecked, long gaps, long lastSeq, String lastHash,
            String message, String checkpoint) {
    }

    public static Result verify(Reader input, Options options, PrintStream report) throws IOException {
        var lines = new BufferedReader(input);
        var state = new State();
        Signed checkpoint = null;
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
            }
            catch (IllegalArgumentException e) {
                return state.fail(report, "line " + lineNumber + ": not a JSON object (" + e.getMessage() + ")");
            }
            if (CHECKPOINT_TYPE.equals(event.get("type"))) {
                if (checkpoint != null || state.events > 0) {
                    return state.fail(report,
                            "line " + lineNumber + ": a checkpoint must be the first line, and " + "there is only one");
                }
                try {
                    checkpoint = Signed.of(event);
                }
                catch (IllegalArgumentException e) {
                    return state.fail(report,
                            "line " + lineNumber + ": not a readable checkpoint (" + e.getMessage() + ")");
                }
                String problem = checkSignature(event, options.publicKey());
                if (problem != null) {
                    return state.fail(report, "line " + lineNumber + ": " + problem);
                }
                continue;
            }
            String problem;
            try {
                problem = state.check(event, options, checkpoint);
            }
            catch (IllegalArgumentException e) {
                // A field missing or a seq that is not a number: not a line the console
                // exported.
                problem = "not an exported event (" + e.getMessage() + ")";
            }
            if (problem != null) {
                return state.fail(report, "line " + lineNumber + ": " + problem);
            }
        }
        String checkpointNote;
        if (checkpoint == null) {
            if (options.publicKey() != null) {
                return state.fail(report, "the export carries no signed checkpoint to check with the public key");
            }
            checkpointNote = "no checkpoint in this export";
        }
        else {
            long signedSeq = checkpoint.seq();
            String signedBy = options.publicKey() == null ? " (signature NOT checked: pass --public-key)"
                    : " (signature valid)";
            if (state.sawCheckpointEvent) {
                checkpointNote = "matches the checkpoint signed at " + checkpoint.createdAt() + " up to event "
                        + signedSeq + signedBy;
            }
            else if (options.complete()) {
                return state.fail(report,
                        "the export ends at event " + state.previousSeq + ", before the event the "
                                + "checkpoint signed at " + checkpoint.createdAt() + " covers (" + signedSeq
                                + "): events were removed");
            }
            else {
                checkpointNote = "event " + signedSeq + " of the checkpoint is not in this export, not compared"
                        + signedBy;
            }
        }
        String message = "OK: " + state.events + " events, every hash re-computed, " + state.links + " links checked, "
                + state.gaps + " gaps (events not in this export)"
                + (options.chainKey() == null ? "" : ", " + state.keyedLinks + " keyed links checked") + "; last event "
                + state.previousSeq + " has hash " + state.previousHash + "; checkpoint: " + checkpointNote;
        report.println(message);
        return new Result(true, state.events, state.links, state.gaps, state.previousSeq, state.previousHash, message,
                checkpointNote);
    }

    /** The walk along the exported events. */
    private static final class State {

        long events;

        long links;

        long keyedLinks;

        long gaps;

        long previousSeq;

        String previousHash = GENESIS;

        String previousLink;

        boolean sawCheckpointEvent;

        /** Checks one event; the reason it is broken, or null. */
        String check(Map<String, String> event, Options options, Signed checkpoint) {
            long seq = Long.parseLong(required(event, "seq"));
            String hash = required(event, "hash");
            String computed = sha256(canonical(event));
            if (!computed.equals(hash)) {
                return "event " + seq + " was changed (its content does not match its hash)";
            }
            String prevHash = required(event, "prev_hash");
            if (seq < 1) {
                return "event " + seq + " is not a place in the chain, which starts at event 1";
            }
            if (events == 0 && options.complete() && seq != 1) {
                return "a complete export starts with event 1, not " + seq;
            }
            if (seq == 1 && !prevHash.equals(GENESIS)) {
                return "event 1 does not start from the genesis hash";
            }
            // previousSeq is 0 before the first event: seqs start at 1.
            if (seq <= previousSeq) {
                return "event " + seq + " comes after event " + previousSeq;
            }
            boolean consecutive = seq == previousSeq + 1;
            if (!consecutive) {
                if (options.complete()) {
                    return "events " + (previousSeq + 1) + " to " + (seq - 1) + " are missing";
                }
                gaps++;
            }
            else if (events > 0) {
                if (!prevHash.equals(previousHash)) {
                    return "event " + seq + " does not link to event " + previousSeq;
                }
                links++;
            }
            String link = event.get("link");
            if (options.chainKey() != null) {
                String problem = keyedLinkProblem(seq, prevHash, hash, link, consecutive, options.chainKey(),
                        checkpoint);
                if (problem != null) {
                    return problem;
                }
            }
            if (checkpoint != null && seq == checkpoint.seq()) {
                if (!hash.equals(checkpoint.hash()) || !java.util.Objects.equals(link, checkpoint.link())) {
                    return "event " + seq + " is not the event the checkpoint signed at " + checkpoint.createdAt()
                            + " covers: events up to it were changed, removed or replaced";
                }
                sawCheckpointEvent = true;
            }
            events++;
            previousSeq = seq;
            previousHash = hash;
            previousLink = link;
            return null;
        }

        /**
         * Checks the keyed link as ChainVerifier does: the checkpoint tells where the
         * keyed chain starts (keyed_from); events before it have no link, events from it
         * on have one. Without a checkpoint the keyed chain never goes back to events
         * without a link once it has started. A link is re-computed when the link before
         * it is in the export (the event before is too), or where the keyed chain starts.
         */
        private String keyedLinkProblem(long seq, String prevHash, String hash, String link, boolean consecutive,
                byte[] chainKey, Signed checkpoint) {
            if (checkpoint != null && seq < checkpoint.keyedFrom()) {
                return link == null ? null
                        : "event " + seq + " carries a keyed link but lies before the start of the keyed chain (event "
                                + checkpoint.keyedFrom() + "): the start of the keyed chain was moved";
            }
            if (link == null) {
                return checkpoint != null || consecutive && previousLink != null
                        ? "event " + seq + " has no keyed link: it was not written by the console" : null;
            }
            if (consecutive || checkpoint != null && seq == checkpoint.keyedFrom()) {
                // The event before the first keyed one has no link (see above): the first
                // links from its prev_hash.
                String before = previousLink == null ? prevHash : previousLink;
                if (!keyedLink(chainKey, seq, before, hash).equals(link)) {
                    return "event " + seq + " has a wrong keyed link: it was not written by the console";
                }
                keyedLinks++;
            }
            return null;
        }

        Result fail(PrintStream report, String why) {
            report.println("BROKEN: " + why);
            return new Result(false, events, links, gaps, previousSeq, previousHash, why, "");
        }

    }

    /**
     * What the export's checkpoint says: up to event {@code seq} the chain ended in
     * {@code hash} and {@code link} (see Checkpoint).
     */
    record Signed(long seq, String hash, String link, long keyedFrom, String createdAt) {

        /**
         * @throws IllegalArgumentException a field is missing, or seq or keyed_from is
         * not a number
         */
        static Signed of(Map<String, String> checkpoint) {
            return new Signed(Long.parseLong(required(checkpoint, "seq")), required(checkpoint, "hash"),
                    checkpoint.get("link"), Long.parseLong(required(checkpoint, "keyed_from")),
                    required(checkpoint, "created_at"));
        }

    }

    /**
     * Why the checkpoint's signature does not hold for {@code key}, or null (also when no
     * key is given).
     */
    static String checkSignature(Map<String, String> checkpoint, PublicKey key) {
        if (key == null) {
            return null;
        }
        try {
            if (!fingerprint(key).equals(checkpoint.get("public_key"))) {
                return "the checkpoint names another signing key (" + checkpoint.get("public_key") + ") than the one "
                        + "given (" + fingerprint(key) + ")";
            }
            var signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(signedForm(checkpoint));
            boolean valid;
            try {
                valid = signature.verify(Base64.getDecoder().decode(required(checkpoint, "signature")));
            }
            catch (SignatureException malformed) {
                valid = false;
            }
            return valid ? null
                    : "the checkpoint's signature is not valid for the given public key: it was forged or changed";
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            return "the checkpoint's signature cannot be checked (" + e.getMessage() + ")";
        }
    }

    /**
     * The signed form of a checkpoint: a header line, then its fields as in the canonical
     * form.
     */
    static byte[] signedForm(Map<String, String> checkpoint) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("cks-audit-checkpoint-v1\n".getBytes(StandardCharsets.UTF_8));
        for (String field : CHECKPOINT_FIELDS) {
            if (!checkpoint.containsKey(field)) {
                throw new IllegalArgumentException("checkpoint field " + field + " is missing");
            }
            writeField(out, checkpoint.get(field));
        }
        return out.toByteArray();
    }

    /**
     * The keyed link (see ChainKey): HMAC-SHA-256 of a header line, seq, the link before
     * and the hash.
     */
    static String keyedLink(byte[] chainKey, long seq, String linkBefore, String hash) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("cks-audit-link-v1\n".getBytes(StandardCharsets.UTF_8));
        writeField(out, Long.toString(seq));
        writeField(out, linkBefore);
        writeField(out, hash);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(chainKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(out.toByteArray()));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 public key from PEM or Base64 of its X.509 encoding. */
    public static PublicKey publicKey(String text) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (PEM)");
        }
    }

    static String fingerprint(PublicKey key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The canonical form: a header line, then per field {@code <utf-8 length>:<value>\n},
     * or {@code ~\n} for null.
     */
    static byte[] canonical(Map<String, String> event) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("cks-audit-v1\n".getBytes(StandardCharsets.UTF_8));
        for (String field : CANONICAL_FIELDS) {
            if (!event.containsKey(field)) {
                throw new IllegalArgumentException("field " + field + " is missing");
            }
            writeField(out, event.get(field));
        }
        return out.toByteArray();
    }

    private static void writeField(java.io.ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes("~\n".getBytes(StandardCharsets.US_ASCII));
        }
        else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.write('\n');
        }
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
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A parser for one flat JSON object whose values are strings, numbers, booleans or
     * null (what an export line holds): each value is kept as its text (a number as
     * written), null as null.
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
            }
            else {
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
