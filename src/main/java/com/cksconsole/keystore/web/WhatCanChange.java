package com.cksconsole.keystore.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.kms.ConnectionState;

/**
 * What a key store's connection state lets change, said once: one sentence for the state,
 * a compact row per property, and the way out when nothing can change. Every rule comes
 * from {@link UpdatePolicy} (which property changes in which state, and which only a
 * guided change can make); this class only puts the answers into words, for the detail
 * page, the edit page's banner and the edit page's fieldset hints.
 *
 * @param sentence e.g. "CONNECTED: name, proxy URI path and proxy authentication
 * credential now; the rest through a guided change."
 * @param rows every property of the store's type, in the order of
 * {@link UpdatableProperty}
 * @param editable whether anything can change now, directly or through a guided change
 * (the edit page is worth opening)
 * @param guided whether some property can change only through a guided change
 * @param wayOut what to do when nothing can change: disconnect the store, or wait; NONE
 * when something can
 */
record WhatCanChange(String sentence, List<Row> rows, boolean editable, boolean guided, WayOut wayOut) {

    /** What the state allows for one property now. */
    enum Now {

        NOW("Now"), GUIDED("Guided change"), NOT_NOW("Not now");

        private final String label;

        Now(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

    }

    /** The way out of a state in which nothing can change. */
    enum WayOut {

        /** Something can change: no way out needed. */
        NONE,
        /**
         * Disconnect the store (FAILED, or CONNECTING for whoever does not want to wait).
         */
        DISCONNECT,
        /**
         * Wait until KMS has moved the store (DISCONNECTING), or until the console knows
         * the state or type.
         */
        WAIT

    }

    /**
     * One row of the table.
     *
     * @param needs the connection states that allow it, e.g. "CONNECTED or DISCONNECTED"
     */
    record Row(String property, String needs, Now now) {
    }

    WhatCanChange {
        rows = List.copyOf(rows);
    }

    /** A guided change in a few words, for sentences that mention it. */
    static final String GUIDED_CHANGE = "a guided change disconnects the key store, applies the change and "
            + "connects it again";

    static WhatCanChange of(CustomKeyStore store, UpdatePolicy policy) {
        var type = store.type();
        if (type == null) {
            return new WhatCanChange(policy.refusal(store, UpdatableProperty.NAME).orElseThrow(), List.of(), false,
                    false, WayOut.WAIT);
        }
        var properties = Arrays.stream(UpdatableProperty.values())
            .filter(property -> property.appliesTo(type))
            .toList();
        var rows = properties.stream()
            .map(property -> new Row(property.title(), policy.requirement(type, property).description(),
                    status(store, policy, property)))
            .toList();
        var split = Split.of(store, policy, properties);
        var now = split.now();
        var guided = split.guided();
        var notNow = split.notNow();
        boolean editable = !now.isEmpty() || !guided.isEmpty();
        String state = store.connectionState().name();
        String sentence;
        if (store.connectionState() == ConnectionState.UNKNOWN) {
            sentence = policy.refusal(store, UpdatableProperty.NAME).orElseThrow();
        }
        else if (!editable) {
            sentence = state + ": nothing can change " + until(store.connectionState()) + ".";
        }
        else if (guided.isEmpty() && notNow.isEmpty()) {
            sentence = state + ": everything can change now.";
        }
        else {
            var parts = new ArrayList<String>();
            if (!now.isEmpty()) {
                parts.add(list(now) + " now");
            }
            if (!guided.isEmpty()) {
                parts.add((notNow.isEmpty() ? (now.isEmpty() ? "everything" : "the rest") : list(guided))
                        + " through a guided change");
            }
            if (!notNow.isEmpty()) {
                parts.add("not " + list(notNow));
            }
            sentence = state + ": " + String.join("; ", parts) + ".";
        }
        WayOut wayOut = editable ? WayOut.NONE : switch (store.connectionState()) {
            case FAILED, CONNECTING -> WayOut.DISCONNECT;
            default -> WayOut.WAIT;
        };
        return new WhatCanChange(sentence, rows, editable, !guided.isEmpty(), wayOut);
    }

    /**
     * The one hint of a group of fields (a fieldset of the edit form) about what the
     * state allows for its properties; null when nothing can change at all (the page's
     * banner says why, once).
     */
    static @Nullable String hint(CustomKeyStore store, UpdatePolicy policy, List<UpdatableProperty> group) {
        if (store.type() == null || !of(store, policy).editable()) {
            return null;
        }
        var split = Split.of(store, policy, group);
        var now = split.now();
        var guided = split.guided();
        var notNow = split.notNow();
        String state = store.connectionState().name();
        var sentences = new ArrayList<String>();
        if (now.size() == group.size()) {
            return "Can change now, while the key store is " + state + ".";
        }
        if (!now.isEmpty()) {
            sentences.add(capitalized(theList(now)) + " can change now.");
        }
        if (!guided.isEmpty()) {
            String subject = guided.size() == group.size() ? (group.size() == 1 ? "This needs" : "These need")
                    : capitalized(theList(guided)) + (guided.size() == 1 ? " needs" : " need");
            sentences.add(subject + " the key store DISCONNECTED, and it is " + state + ": after the review, "
                    + GUIDED_CHANGE + " for you.");
        }
        if (!notNow.isEmpty()) {
            sentences.add(capitalized(theList(notNow)) + " cannot change while the key store is " + state + ".");
        }
        return String.join(" ", sentences);
    }

    /** Properties by what the state allows for them now. */
    private record Split(List<UpdatableProperty> now, List<UpdatableProperty> guided, List<UpdatableProperty> notNow) {

        static Split of(CustomKeyStore store, UpdatePolicy policy, List<UpdatableProperty> properties) {
            var split = new Split(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (var property : properties) {
                switch (status(store, policy, property)) {
                    case NOW -> split.now().add(property);
                    case GUIDED -> split.guided().add(property);
                    case NOT_NOW -> split.notNow().add(property);
                }
            }
            return split;
        }
    }

    private static Now status(CustomKeyStore store, UpdatePolicy policy, UpdatableProperty property) {
        if (policy.refusal(store, property).isEmpty()) {
            return Now.NOW;
        }
        return policy.guidedChangeCan(store, property) ? Now.GUIDED : Now.NOT_NOW;
    }

    /** Until when nothing can change, and what ends it. */
    private static String until(ConnectionState state) {
        return switch (state) {
            case FAILED -> "until you disconnect it";
            case CONNECTING -> "until the connection attempt has ended, unless you disconnect it";
            case DISCONNECTING -> "until it is DISCONNECTED";
            default -> "in this state";
        };
    }

    /** "name, proxy URI path and proxy authentication credential". */
    private static String list(List<UpdatableProperty> properties) {
        var labels = properties.stream().map(UpdatableProperty::label).toList();
        if (labels.size() == 1) {
            return labels.get(0);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }

    private static String theList(List<UpdatableProperty> properties) {
        return "the " + list(properties);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
