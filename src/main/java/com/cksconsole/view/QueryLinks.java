package com.cksconsole.view;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

/**
 * Links that carry a search's values in their query string
 * ({@code /audit?actor=...&before=...}), so that following one gives the server back
 * exactly the values typed.
 *
 * <p>
 * Why not {@code UriComponentsBuilder.queryParam(...).encode()}: it leaves characters
 * that are legal in a query raw, among them {@code +}, which the servlet container
 * decodes as a space, so a search for {@code a+b} came back as {@code a b}. Here every
 * character but the unreserved ones ({@code A-Z a-z 0-9 - . _ ~}) is percent-encoded as
 * UTF-8, names and values alike.
 */
public final class QueryLinks {

    private QueryLinks() {
    }

    /**
     * {@code path} with the parameters that have a non-blank value, in their order, each
     * value stripped of surrounding whitespace as the search itself uses it; {@code path}
     * alone when none has.
     */
    public static String to(String path, Map<String, ? extends @Nullable String> parameters) {
        String query = query(parameters);
        return query.isEmpty() ? path : path + "?" + query;
    }

    /**
     * The query string of {@link #to}, without the {@code ?}; empty when no parameter has
     * a value.
     */
    public static String query(Map<String, ? extends @Nullable String> parameters) {
        return parameters.entrySet()
            .stream()
            .filter(parameter -> parameter.getValue() != null && !parameter.getValue().isBlank())
            .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue().strip()))
            .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return UriUtils.encode(text, StandardCharsets.UTF_8);
    }

}
