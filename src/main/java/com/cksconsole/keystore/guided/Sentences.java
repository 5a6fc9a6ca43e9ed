package com.cksconsole.keystore.guided;

import java.text.MessageFormat;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders {@link Sentence}s from the message bundle ({@code messages.properties}, Spring
 * Boot's default {@code spring.messages.basename}). The console speaks English only.
 * Every guided message goes through {@link MessageFormat} here, with or without
 * arguments, so the bundle writes an apostrophe as {@code ''} throughout; Spring's own
 * rule (formatted only with arguments) stays as it is for everyone else, whose default
 * messages must keep their apostrophes.
 */
@Component
class Sentences {

    private final MessageSource messages;

    Sentences(MessageSource messages) {
        this.messages = messages;
    }

    String render(Sentence sentence) {
        Object[] args = sentence.args()
            .stream()
            .map(arg -> arg instanceof Sentence nested ? render(nested) : String.valueOf(arg))
            .toArray();
        String pattern = messages.getMessage(sentence.code(), null, Locale.ENGLISH);
        return new MessageFormat(pattern, Locale.ENGLISH).format(args);
    }

}
