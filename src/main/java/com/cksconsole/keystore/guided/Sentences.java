package com.cksconsole.keystore.guided;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders {@link Sentence}s from the message bundle ({@code messages.properties}, Spring Boot's default
 * {@code spring.messages.basename}). The console speaks English only; every message goes through
 * {@link java.text.MessageFormat} ({@code spring.messages.always-use-message-format}), so the bundle writes an
 * apostrophe as {@code ''} whether or not the message has arguments.
 */
@Component
class Sentences {

    private final MessageSource messages;

    Sentences(MessageSource messages) {
        this.messages = messages;
    }

    String render(Sentence sentence) {
        Object[] args = sentence.args().stream()
                .map(arg -> arg instanceof Sentence nested ? render(nested) : String.valueOf(arg))
                .toArray();
        return messages.getMessage(sentence.code(), args, Locale.ENGLISH);
    }
}
