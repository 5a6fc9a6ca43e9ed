package com.cksconsole.keystore.guided;

import java.util.List;

/**
 * A sentence an operator reads, as a code of the message bundle
 * ({@code messages.properties}) and its arguments; {@link Sentences} renders it.
 * Decisions name what happened; the words live in the bundle.
 *
 * @param code the bundle key, {@code guided.…}
 * @param args each a {@link String} or a nested {@link Sentence} (rendered first)
 */
record Sentence(String code, List<Object> args) {

    Sentence {
        args = List.copyOf(args);
    }

    static Sentence of(String code, Object... args) {
        return new Sentence(code, List.of(args));
    }
}
