package com.cksconsole.sandbox.kms;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;

/**
 * The JSON body of one request, read the way an AWS JSON 1.1 service reads it: unknown
 * members are ignored, a JSON {@code null} is an absent member, a member of the wrong
 * JSON type is a SerializationException. Values are never copied into messages (some
 * members are secrets).
 */
final class KmsRequest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode object;

    private final String path;

    private KmsRequest(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * An empty body counts as {@code {}} (botocore always sends {@code {}} for calls
     * without arguments).
     */
    static KmsRequest parse(byte[] body) {
        if (isBlank(body)) {
            return new KmsRequest(JSON.createObjectNode(), "");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        }
        catch (JacksonException e) {
            throw KmsError.serialization("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw KmsError.serialization("The request body must be a JSON object.");
        }
        return new KmsRequest(root, "");
    }

    @Nullable String string(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (value.getNodeType() != JsonNodeType.STRING) {
            throw wrongType(member, "a string", value);
        }
        return value.stringValue();
    }

    @Nullable Integer integer(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw wrongType(member, "an integer", value);
        }
        if (!value.canConvertToInt()) {
            throw KmsError.serialization("Member '" + path + member + "' is out of the range of an integer.");
        }
        return value.intValue();
    }

    @Nullable KmsRequest structure(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(member, "a structure", value);
        }
        return new KmsRequest(value, path + member + ".");
    }

    @Nullable Boolean bool(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(member, "a boolean", value);
        }
        return value.booleanValue();
    }

    /**
     * A blob member: a base64 string on the wire (AWS JSON 1.1). The value is never
     * echoed (plaintexts are secret).
     */
    byte @Nullable [] blob(String member) {
        String encoded = string(member);
        if (encoded == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(encoded);
        }
        catch (IllegalArgumentException e) {
            throw KmsError.serialization("Member '" + path + member + "' is not valid base64.");
        }
    }

    /** A list of structures (e.g. Tags). */
    @Nullable List<KmsRequest> structures(String member) {
        JsonNode value = list(member);
        if (value == null) {
            return null;
        }
        List<KmsRequest> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw wrongType(member + "." + (i + 1), "a structure", item);
            }
            items.add(new KmsRequest(item, path + member + "." + (i + 1) + "."));
        }
        return items;
    }

    /** A list of strings (e.g. TagKeys, GrantTokens). */
    @Nullable List<String> strings(String member) {
        JsonNode value = list(member);
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.getNodeType() != JsonNodeType.STRING) {
                throw wrongType(member + "." + (i + 1), "a string", item);
            }
            items.add(item.stringValue());
        }
        return items;
    }

    /** A map of string to string (EncryptionContext), in the request's order. */
    @Nullable Map<String, String> stringMap(String member) {
        JsonNode value = member(member);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(member, "a map", value);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (var entry : value.properties()) {
            if (entry.getValue().getNodeType() != JsonNodeType.STRING) {
                throw wrongType(member + "." + entry.getKey(), "a string", entry.getValue());
            }
            entries.put(entry.getKey(), entry.getValue().stringValue());
        }
        return entries;
    }

    private @Nullable JsonNode list(String member) {
        JsonNode value = member(member);
        if (value != null && !value.isArray()) {
            throw wrongType(member, "a list", value);
        }
        return value;
    }

    private @Nullable JsonNode member(String member) {
        JsonNode value = object.get(member);
        return value == null || value.isNull() ? null : value;
    }

    private KmsError wrongType(String member, String expected, JsonNode actual) {
        return KmsError
            .serialization("Member '" + path + member + "' must be " + expected + ", not " + describe(actual) + ".");
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "a number" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT, POJO -> "a structure";
            default -> "another JSON type";
        };
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

}
