package com.cksconsole.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log's own JSON: parameters as stored, log lines, export lines. A private
 * mapper, so that application-wide Jackson settings (indentation, naming) can never
 * change what is stored or hashed.
 */
final class AuditJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AuditJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * The stored form of parameters: a JSON array of objects with the keys that apply to
     * each kind.
     */
    static String parameters(List<AuditParameter> parameters) {
        return write(parameterMaps(parameters));
    }

    static List<Map<String, @Nullable Object>> parameterMaps(List<AuditParameter> parameters) {
        var list = new ArrayList<Map<String, @Nullable Object>>(parameters.size());
        for (var p : parameters) {
            var map = new LinkedHashMap<String, @Nullable Object>();
            map.put("name", p.name());
            map.put("kind", p.kind().name());
            switch (p.kind()) {
                case VALUE, OBSERVED -> putNullable(map, "value", p.value());
                case CHANGE -> {
                    putNullable(map, "before", p.before());
                    putNullable(map, "after", p.after());
                }
                case SECRET_REPLACED -> map.put("fingerprint", p.fingerprint());
                case FILE -> {
                    putNullable(map, "fileName", p.fileName());
                    map.put("size", p.size());
                    map.put("sha256", p.sha256());
                }
            }
            list.add(map);
        }
        return list;
    }

    private static void putNullable(Map<String, @Nullable Object> map, String key, @Nullable String value) {
        map.put(key, value);
    }

    static List<AuditParameter> readParameters(String json) {
        var parameters = new ArrayList<AuditParameter>();
        for (JsonNode node : MAPPER.readTree(json)) {
            parameters.add(AuditParameter.restored(node.path("name").asString(""),
                    AuditParameter.Kind.valueOf(node.path("kind").asString("VALUE")), text(node, "before"),
                    text(node, "after"), text(node, "value"), text(node, "fingerprint"), text(node, "fileName"),
                    node.hasNonNull("size") ? node.get("size").asLong() : null, text(node, "sha256")));
        }
        return parameters;
    }

    static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    private static @Nullable String text(JsonNode node, String key) {
        var value = node.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }

}
