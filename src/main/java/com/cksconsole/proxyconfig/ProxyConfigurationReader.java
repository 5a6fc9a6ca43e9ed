package com.cksconsole.proxyconfig;

import static com.cksconsole.proxyconfig.ProxyConfigurationKey.CREDENTIAL;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.cksconsole.kms.KmsField;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Walks the JSON text of one proxy configuration (already size-checked and strictly
 * decoded by {@link ProxyConfigurationParser}) and turns it into an accepted or refused
 * import.
 *
 * <p>
 * Why Jackson's streaming parser rather than a hand-written tokenizer: string escapes,
 * surrogate pairs, the number grammar and JSON's whitespace rules are easy to get subtly
 * wrong, and jackson-core (Jackson 3, already on the class path as Boot 4's default) is a
 * well-tested tokenizer that is strict by default (no comments, single quotes, unquoted
 * names, trailing commas, NaN or raw control characters in strings). Only its token
 * stream is used, never data binding, so nothing is coerced behind our back: this class
 * sees every token and decides about types, nesting and unknown keys itself.
 *
 * <p>
 * Duplicate keys are detected here rather than with Jackson's
 * {@code STRICT_DUPLICATE_DETECTION}: that feature reports a duplicate as a plain read
 * error, which by type is indistinguishable from a syntax error and would have to be told
 * apart by parsing Jackson's message text to name the key. The walker sees every property
 * name anyway (it never hands an object it accepts to {@code skipChildren()}), so it
 * counts names per object and refuses a duplicate by name.
 *
 * <p>
 * Jackson's exception messages may quote the input, which may hold the secret: they are
 * never shown or logged; the operator gets our own sentence and at most a line and
 * column.
 */
final class ProxyConfigurationReader {

    /**
     * The format needs two levels of objects: the top-level object and
     * XksProxyAuthenticationCredential.
     */
    static final int MAX_DEPTH = 2;

    private static final int MAX_DISPLAYED_NAME = 100;

    private static final int MAX_MESSAGES = 20;

    private static final JsonFactory JSON = JsonFactory.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder()
            // Backstop only: the walker refuses anything deeper than MAX_DEPTH, naming
            // the key, long
            // before this; it bounds what skipChildren() walks through inside a refused
            // value.
            .maxNestingDepth(64)
            .build())
        .build();

    private static final List<String> TOP_LEVEL_NAMES = Stream
        .concat(ProxyConfigurationKey.topLevel().stream().map(ProxyConfigurationKey::fileName), Stream.of(CREDENTIAL))
        .toList();

    private static final List<String> CREDENTIAL_NAMES = ProxyConfigurationKey.credentialParts()
        .stream()
        .map(ProxyConfigurationKey::fileName)
        .toList();

    private final JsonParser parser;

    private final ProxyConfigurationSource source;

    private final Map<ProxyConfigurationKey, String> values = new EnumMap<>(ProxyConfigurationKey.class);

    private final Set<ProxyConfigurationKey> present = EnumSet.noneOf(ProxyConfigurationKey.class);

    private final List<ImportMessage> problems = new ArrayList<>();

    private final List<IgnoredKey> ignoredKeys = new ArrayList<>();

    private boolean credentialPresent;

    private boolean credentialIsObject;

    private ProxyConfigurationReader(JsonParser parser, ProxyConfigurationSource source) {
        this.parser = parser;
        this.source = source;
    }

    /** Reads {@code json} (no byte order mark, not blank) from {@code source}. */
    static ProxyConfigurationImport read(String json, ProxyConfigurationSource source) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
            return new ProxyConfigurationReader(parser, source).readDocument();
        }
    }

    private ProxyConfigurationImport readDocument() {
        String subject = source.subject();
        try {
            JsonToken first = firstToken();
            if (first != JsonToken.START_OBJECT) {
                return refusedWhole(
                        subject + " must hold one JSON object ({ ... }), but it holds " + describe(first) + ".");
            }
            readTopLevelObject();
            if (hasTrailingContent()) {
                return refusedWhole(subject + " continues after its JSON object ends; it must hold exactly one"
                        + " JSON object and nothing after it.");
            }
        }
        catch (NotJson e) {
            return refusedWhole(subject + " is not JSON: a proxy configuration is a JSON object that starts with {.");
        }
        catch (UnexpectedEndOfInputException e) {
            return refusedWhole(
                    subject + " ends before its JSON object is complete; a closing } or \" may be" + " missing.");
        }
        catch (StreamConstraintsException e) {
            return refusedWhole(subject + " nests values far deeper, or holds numbers or key names far longer,"
                    + " than a proxy configuration ever does.");
        }
        catch (JacksonException e) {
            return refusedWhole(subject + " is not valid JSON" + near(e.getLocation()) + ".");
        }
        return outcome();
    }

    private JsonToken firstToken() {
        JsonToken first;
        try {
            first = parser.nextToken();
        }
        catch (JacksonException e) {
            throw new NotJson();
        }
        if (first == null) {
            throw new NotJson(); // blank input: the parser class refuses it before
        }
        return first;
    }

    private boolean hasTrailingContent() {
        try {
            return parser.nextToken() != null;
        }
        catch (JacksonException e) {
            return true; // whatever follows is not even valid JSON: still content after
                         // the object
        }
    }

    private void readTopLevelObject() {
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (occurrences.merge(name, 1, Integer::sum) > 1) {
                parser.skipChildren();
            }
            else if (name.equals(CREDENTIAL)) {
                readCredential(value);
            }
            else {
                Optional<ProxyConfigurationKey> key = named(name, ProxyConfigurationKey.topLevel());
                if (key.isPresent()) {
                    readString(key.get(), value);
                }
                else {
                    ignore(displayed(name), name, TOP_LEVEL_NAMES, value, 1);
                }
            }
        }
        reportDuplicates(occurrences, "");
    }

    private void readCredential(JsonToken token) {
        credentialPresent = true;
        if (token != JsonToken.START_OBJECT) {
            problems.add(ImportMessage.about(CREDENTIAL, CREDENTIAL + " must be an object holding AccessKeyId and"
                    + " RawSecretAccessKey, but it is " + describe(token) + "."));
            parser.skipChildren();
            return;
        }
        credentialIsObject = true;
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (occurrences.merge(name, 1, Integer::sum) > 1) {
                parser.skipChildren();
                continue;
            }
            Optional<ProxyConfigurationKey> key = named(name, ProxyConfigurationKey.credentialParts());
            if (key.isPresent()) {
                readString(key.get(), value);
            }
            else {
                ignore(CREDENTIAL + "." + displayed(name), name, CREDENTIAL_NAMES, value, 2);
            }
        }
        reportDuplicates(occurrences, CREDENTIAL + ".");
    }

    private void readString(ProxyConfigurationKey key, JsonToken token) {
        present.add(key);
        if (token != JsonToken.VALUE_STRING) {
            problems.add(ImportMessage.about(key.path(),
                    key.fileName() + " must be a string, but it is " + describe(token) + "."));
            parser.skipChildren();
            return;
        }
        String value = parser.getString();
        if (value.isEmpty() && !key.required()) {
            // Vendors' files sometimes carry an optional key with an empty value when it
            // does not apply.
            ignoredKeys.add(new IgnoredKey(
                    ImportMessage.about(key.path(), key.fileName() + " is empty in the file and was left out."),
                    false));
            return;
        }
        key.problemWith(value)
            .ifPresentOrElse(problem -> problems.add(ImportMessage.about(key.path(), problem)),
                    () -> values.put(key, value));
    }

    /**
     * Records an unknown key (with a hint when it differs from a known one only in case)
     * and skips its value.
     */
    private void ignore(String path, String name, List<String> knownNames, JsonToken value, int depth) {
        Optional<String> caseVariantOf = knownNames.stream().filter(known -> known.equalsIgnoreCase(name)).findFirst();
        if (caseVariantOf.isPresent()) {
            ignoredKeys.add(
                    new IgnoredKey(
                            ImportMessage.about(path, displayed(name) + " differs only in case from "
                                    + caseVariantOf.get() + "; key names are case-sensitive, so it was ignored."),
                            true));
        }
        else {
            ignoredKeys.add(new IgnoredKey(
                    ImportMessage.about(path, path + " is not part of an XKS proxy configuration and was ignored."),
                    false));
        }
        skipIgnoredValue(path, value, depth + 1);
    }

    /**
     * Skips an ignored value while still refusing what no proxy configuration has:
     * containers deeper than {@link #MAX_DEPTH} and duplicate keys.
     */
    private void skipIgnoredValue(String path, JsonToken token, int containerDepth) {
        if (!token.isStructStart()) {
            return;
        }
        if (containerDepth > MAX_DEPTH) {
            problems.add(ImportMessage.about(path, path + " holds " + describe(token) + " nested too deeply: the"
                    + " only nested object in a proxy configuration is " + CREDENTIAL + "."));
            parser.skipChildren();
            return;
        }
        if (token == JsonToken.START_ARRAY) {
            int index = 0;
            for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                skipIgnoredValue(path + "[" + index++ + "]", element, containerDepth + 1);
            }
            return;
        }
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (occurrences.merge(name, 1, Integer::sum) > 1) {
                parser.skipChildren();
            }
            else {
                skipIgnoredValue(path + "." + displayed(name), value, containerDepth + 1);
            }
        }
        reportDuplicates(occurrences, path + ".");
    }

    private void reportDuplicates(Map<String, Integer> occurrences, String prefix) {
        occurrences.forEach((name, count) -> {
            if (count > 1) {
                String times = count == 2 ? "twice" : count + " times";
                String path = prefix + displayed(name);
                problems
                    .add(ImportMessage.about(path, path + " appears " + times + "; each key may appear only once."));
            }
        });
    }

    private ProxyConfigurationImport outcome() {
        List<ImportMessage> refusals = new ArrayList<>(problems);
        if (present.isEmpty() && !credentialPresent) {
            refusals.add(ImportMessage.wholeFile(source.subject() + " holds none of the keys of an XKS proxy"
                    + " configuration; it needs XksProxyUriPath and " + CREDENTIAL + "."));
        }
        else {
            refusals.addAll(missingParts());
        }
        List<ImportMessage> caseHints = ignoredKeys.stream()
            .filter(IgnoredKey::caseOnly)
            .map(IgnoredKey::message)
            .toList();
        if (refusals.isEmpty()) {
            List<ImportMessage> warnings = ignoredKeys.stream().map(IgnoredKey::message).toList();
            return new ProxyConfigurationImport.Accepted(acceptedValues(), cappedIgnored(warnings), source);
        }
        // A key that differs only in case is most likely why something is missing: list
        // it with the reasons.
        refusals.addAll(caseHints);
        List<ImportMessage> warnings = ignoredKeys.stream()
            .filter(ignored -> !ignored.caseOnly())
            .map(IgnoredKey::message)
            .toList();
        return new ProxyConfigurationImport.Refused(capped(refusals, "problem", "problems"), cappedIgnored(warnings),
                source);
    }

    private static List<ImportMessage> cappedIgnored(List<ImportMessage> warnings) {
        return capped(warnings, "key was ignored", "keys were ignored");
    }

    /**
     * A made-up file can hold thousands of bad keys; the page lists the first few and
     * counts the rest.
     */
    private static List<ImportMessage> capped(List<ImportMessage> messages, String one, String many) {
        if (messages.size() <= MAX_MESSAGES) {
            return messages;
        }
        List<ImportMessage> shown = new ArrayList<>(messages.subList(0, MAX_MESSAGES));
        int more = messages.size() - MAX_MESSAGES;
        shown.add(ImportMessage.wholeFile("... and " + more + " more " + (more == 1 ? one : many) + "."));
        return shown;
    }

    private List<ImportMessage> missingParts() {
        List<ImportMessage> missing = new ArrayList<>();
        if (!present.contains(ProxyConfigurationKey.URI_PATH)) {
            missing.add(ImportMessage.about(ProxyConfigurationKey.URI_PATH.path(),
                    "XksProxyUriPath is missing; it is required."));
        }
        if (!credentialPresent) {
            missing.add(ImportMessage.about(CREDENTIAL, CREDENTIAL + " is missing: both credential parts are"
                    + " required together (AccessKeyId and RawSecretAccessKey)."));
        }
        else if (credentialIsObject) {
            for (ProxyConfigurationKey part : ProxyConfigurationKey.credentialParts()) {
                if (!present.contains(part)) {
                    missing.add(ImportMessage.about(part.path(), part.fileName() + " is missing from " + CREDENTIAL
                            + ": both credential parts are required together."));
                }
            }
        }
        return missing;
    }

    /**
     * A required key's value: an import without it (or with a bad one) was refused before
     * it got here.
     */
    private String required(ProxyConfigurationKey key) {
        return Objects.requireNonNull(values.get(key), key.fileName());
    }

    private ProxyConfigurationValues acceptedValues() {
        return new ProxyConfigurationValues(required(ProxyConfigurationKey.URI_PATH),
                required(ProxyConfigurationKey.ACCESS_KEY_ID), required(ProxyConfigurationKey.RAW_SECRET_ACCESS_KEY),
                values.get(ProxyConfigurationKey.URI_ENDPOINT),
                Optional.ofNullable(values.get(ProxyConfigurationKey.CONNECTIVITY))
                    .flatMap(ProxyConfigurationKey::connectivity)
                    .orElse(null),
                values.get(ProxyConfigurationKey.VPC_ENDPOINT_SERVICE_NAME));
    }

    private ProxyConfigurationImport refusedWhole(String sentence) {
        return new ProxyConfigurationImport.Refused(List.of(ImportMessage.wholeFile(sentence)), List.of(), source);
    }

    /**
     * An unknown key name as it may appear in a message. Key names are echoed so the
     * operator can find them, except a name that could itself be a credential (someone
     * pasted the secret where a key belongs); long names are shortened and control
     * characters replaced.
     */
    static String displayed(String name) {
        if (looksLikeCredential(name)) {
            return "(a key name that looks like a credential)";
        }
        StringBuilder shown = new StringBuilder();
        name.codePoints()
            .limit(MAX_DISPLAYED_NAME)
            .forEach(cp -> shown
                .appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp));
        return name.codePointCount(0, name.length()) > MAX_DISPLAYED_NAME ? shown + "…" : shown.toString();
    }

    private static boolean looksLikeCredential(String name) {
        return KmsField.XKS_RAW_SECRET_ACCESS_KEY.violation(name).isEmpty()
                || KmsField.XKS_ACCESS_KEY_ID.violation(name).isEmpty();
    }

    private static Optional<ProxyConfigurationKey> named(String name, List<ProxyConfigurationKey> candidates) {
        return candidates.stream().filter(key -> key.fileName().equals(name)).findFirst();
    }

    /**
     * How a JSON value is named in sentences such as "... must be a string, but it is an
     * array".
     */
    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "an unexpected value";
        };
    }

    private static String near(@Nullable TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (the problem is near line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * An ignored key: unknown to the format, or ({@code caseOnly}) a known key spelled
     * with different case.
     */
    private record IgnoredKey(ImportMessage message, boolean caseOnly) {
    }

    /** The first token is not JSON at all: plain text, a properties file, ... */
    private static final class NotJson extends RuntimeException {

        NotJson() {
            super(null, null, false, false);
        }

    }

}
