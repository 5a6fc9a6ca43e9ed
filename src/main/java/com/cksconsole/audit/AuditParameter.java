package com.cksconsole.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One parameter of an audit event. A secret can never be one: plain parameters refuse
 * names that denote a secret (containing "password" or "secret"), and the only way to
 * record a replaced secret is {@link AuditTrail#secretReplaced}, which keeps a keyed
 * fingerprint (HMAC-SHA-256) and never the value.
 */
public final class AuditParameter {

    /** What a parameter holds. Stored by name. */
    public enum Kind {

        /** A plain value, e.g. the file name of an import. */
        VALUE,
        /** A plain field changed from one value to another. */
        CHANGE,
        /** A secret field was set; only its keyed fingerprint is kept. */
        SECRET_REPLACED,
        /** An uploaded file: its name, size and SHA-256. */
        FILE,
        /**
         * A value a later describe observed, recorded when reconciling an intent whose
         * outcome was lost.
         */
        OBSERVED

    }

    static final int MAX_VALUE_LENGTH = 6000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,127}");

    private static final Pattern FINGERPRINT = Pattern.compile("hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String name;

    private final Kind kind;

    private final @Nullable String before;

    private final @Nullable String after;

    private final @Nullable String value;

    private final @Nullable String fingerprint;

    private final @Nullable String fileName;

    private final @Nullable Long size;

    private final @Nullable String sha256;

    private AuditParameter(String name, Kind kind, @Nullable String before, @Nullable String after,
            @Nullable String value, @Nullable String fingerprint, @Nullable String fileName, @Nullable Long size,
            @Nullable String sha256) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a parameter name: " + name);
        }
        this.name = name;
        this.kind = kind;
        this.before = AuditText.cleanNullable(before, MAX_VALUE_LENGTH);
        this.after = AuditText.cleanNullable(after, MAX_VALUE_LENGTH);
        this.value = AuditText.cleanNullable(value, MAX_VALUE_LENGTH);
        this.fingerprint = fingerprint;
        this.fileName = AuditText.cleanNullable(fileName, 255);
        this.size = size;
        this.sha256 = sha256;
    }

    /** A plain value. Refuses a name that denotes a secret. */
    public static AuditParameter value(String name, @Nullable String value) {
        return new AuditParameter(plainName(name), Kind.VALUE, null, null, value, null, null, null, null);
    }

    /**
     * A plain field changed from {@code before} to {@code after} (null: not set), so that
     * each store has a readable change history. Refuses a name that denotes a secret: use
     * {@link AuditTrail#secretReplaced}.
     */
    public static AuditParameter changed(String name, @Nullable String before, @Nullable String after) {
        return new AuditParameter(plainName(name), Kind.CHANGE, before, after, null, null, null, null, null);
    }

    /**
     * An uploaded file whose SHA-256 (64 lower-case hex digits) the caller computed while
     * streaming it.
     */
    public static AuditParameter uploadedFile(String name, @Nullable String fileName, long size, String sha256Hex) {
        if (!SHA256.matcher(sha256Hex).matches() || size < 0) {
            throw new IllegalArgumentException("A file parameter needs its size and a lower-case hex SHA-256");
        }
        return new AuditParameter(plainName(name), Kind.FILE, null, null, null, null, fileName, size, sha256Hex);
    }

    /**
     * Only {@link SecretFingerprinter} makes these, from the secret it has just
     * fingerprinted.
     */
    static AuditParameter secretReplaced(String name, String fingerprint) {
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("Not a secret fingerprint");
        }
        return new AuditParameter(name, Kind.SECRET_REPLACED, null, null, null, fingerprint, null, null, null);
    }

    static AuditParameter observed(String name, @Nullable String value) {
        return new AuditParameter(plainName(name), Kind.OBSERVED, null, null, value, null, null, null, null);
    }

    /**
     * Rebuilds a stored parameter (no name check: it was checked when it was recorded).
     */
    static AuditParameter restored(String name, Kind kind, @Nullable String before, @Nullable String after,
            @Nullable String value, @Nullable String fingerprint, @Nullable String fileName, @Nullable Long size,
            @Nullable String sha256) {
        return new AuditParameter(name, kind, before, after, value, fingerprint, fileName, size, sha256);
    }

    /**
     * Whether a name looks like a secret's ("password", "secret"): such a parameter is
     * refused as a plain value and recorded only as a fingerprint.
     */
    public static boolean namesASecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret");
    }

    private static String plainName(String name) {
        if (namesASecret(name)) {
            throw new IllegalArgumentException("'" + name + "' names a secret: record it with "
                    + "AuditTrail.secretReplaced(name, secret), which keeps only a fingerprint");
        }
        return name;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** CHANGE: the value before the change (null: not set). */
    public @Nullable String before() {
        return before;
    }

    /** CHANGE: the value after the change (null: not set). */
    public @Nullable String after() {
        return after;
    }

    /** VALUE and OBSERVED: the value. */
    public @Nullable String value() {
        return value;
    }

    /** SECRET_REPLACED: {@code hmac-sha256:<key id>:<hex>}. */
    public @Nullable String fingerprint() {
        return fingerprint;
    }

    public @Nullable String fileName() {
        return fileName;
    }

    public @Nullable Long size() {
        return size;
    }

    public @Nullable String sha256() {
        return sha256;
    }

    public boolean isChange() {
        return kind == Kind.CHANGE || kind == Kind.SECRET_REPLACED;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AuditParameter p && name.equals(p.name) && kind == p.kind
                && Objects.equals(before, p.before) && Objects.equals(after, p.after) && Objects.equals(value, p.value)
                && Objects.equals(fingerprint, p.fingerprint) && Objects.equals(fileName, p.fileName)
                && Objects.equals(size, p.size) && Objects.equals(sha256, p.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, before, after, value, fingerprint);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VALUE, OBSERVED -> name + "=" + value;
            case CHANGE -> name + ": " + before + " -> " + after;
            case SECRET_REPLACED -> name + ": replaced (" + fingerprint + ")";
            case FILE -> name + ": " + fileName + " (" + size + " bytes, sha256 " + sha256 + ")";
        };
    }

}
