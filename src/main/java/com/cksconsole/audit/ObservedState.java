package com.cksconsole.audit;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a describe just showed of one store, by the same parameter names the intents use
 * (e.g. {@code CustomKeyStoreName}, {@code XksProxyUriPath}, {@code ConnectionState}),
 * for {@link AuditTrail#reconcilePending}. A name that is absent was not observed; a null
 * value was observed as "not set".
 */
public final class ObservedState {

    private final Map<String, @Nullable String> values;

    private ObservedState(Map<String, @Nullable String> values) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    public static ObservedState of(Map<String, @Nullable String> values) {
        return new ObservedState(values);
    }

    boolean observes(String name) {
        return values.containsKey(name);
    }

    @Nullable String value(String name) {
        return values.get(name);
    }

    @Override
    public String toString() {
        return "ObservedState" + values;
    }

}
