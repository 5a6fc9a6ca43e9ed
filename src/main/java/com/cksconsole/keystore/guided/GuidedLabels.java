package com.cksconsole.keystore.guided;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The labels of {@link RunStatus}, {@link StepName} and {@link StepStatus}, from the same
 * message bundle as the guided change's sentences ({@code messages.properties}, codes
 * {@code guided.runStatus.*}, {@code guided.stepName.*}, {@code guided.stepStatus.*}).
 * Read statically, not through {@link Sentences}: an enum's label is asked for by pages,
 * the overview and the audit row alike, none of which holds the message source, and the
 * bundle is a class-path resource that never changes at run time. The console speaks
 * English only.
 */
final class GuidedLabels {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("messages", Locale.ROOT);

    private GuidedLabels() {
    }

    /**
     * The label under {@code code}, through {@link MessageFormat} as every guided message
     * ({@code ''} is an apostrophe).
     * @throws java.util.MissingResourceException no such code (a test checks every
     * constant)
     */
    static String of(String code) {
        return new MessageFormat(BUNDLE.getString(code), Locale.ENGLISH).format(new Object[0]);
    }

}
