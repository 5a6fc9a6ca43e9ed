package com.cksconsole.sandbox.kms;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * One page of ListKeys, ListAliases or ListResourceTags (KMS API Reference: Limit,
 * Marker, NextMarker, Truncated; NextMarker only when Truncated). Each entry has a
 * position string whose {@link String#compareTo} order is the list's order, so a page
 * continues correctly even when the entry its marker names is gone.
 */
record ListPage<T>(List<T> entries, @Nullable String nextMarker) {

    static <T> ListPage<T> of(List<T> sorted, Function<T, String> position, int limit, @Nullable String marker,
            MarkerCodec markers, AccountRegion region, String kind) {
        List<T> rest = sorted;
        if (marker != null) {
            String after = markers.decode(region, kind, marker);
            rest = sorted.stream().filter(entry -> position.apply(entry).compareTo(after) > 0).toList();
        }
        if (rest.size() <= limit) {
            return new ListPage<>(rest, null);
        }
        List<T> page = rest.subList(0, limit);
        return new ListPage<>(page, markers.encode(region, kind, position.apply(page.get(page.size() - 1))));
    }

    /** The position of an entry sorted by creation time, then a name. */
    static String position(long creationMillis, String name) {
        return String.format("%020d|%s", creationMillis, name);
    }

    /** Adds NextMarker (if any) and Truncated to a response. */
    ObjectNode finish(ObjectNode response) {
        if (nextMarker != null) {
            response.put("NextMarker", nextMarker);
        }
        response.put("Truncated", nextMarker != null);
        return response;
    }

}
