package com.cksconsole.sandbox.kms;

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
