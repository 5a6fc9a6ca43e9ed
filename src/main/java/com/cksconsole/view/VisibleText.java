package com.cksconsole.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Shows text that others chose (key store names above all) as it really is: characters
 * that are invisible or change the direction of the text around them are shown as escapes
 * (U+202E as a backslash, "u" and "202E"), so that a name such as
 * {@code finance-hsm-primary} followed by a right-to-left override and a zero-width space
 * cannot pass for another name. The pages use it as {@code #visibleText} through the
 * fragments in {@code fragments/keystore.html}, which add the warning "contains invisible
 * or direction-changing characters".
 *
 * <p>
 * Hidden characters are the Unicode format characters (general category Cf: the
 * bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, the
 * zero-width characters and marks U+200B-U+200F, U+2060-U+2064, U+FEFF, the soft hyphen,
 * tag characters...), the control characters (Cc) and the line and paragraph separators:
 * none of them shows as a character of its own.
 */
public class VisibleText {

    /** One run of a text: shown as it is, or a hidden character written as its escape. */
    public record Part(String text, boolean hidden) {
    }

    /** Whether the text holds a character that does not show as itself. */
    public static boolean containsHidden(@Nullable String text) {
        return text != null && text.codePoints().anyMatch(VisibleText::isHidden);
    }

    /** Whether {@code text} holds a hidden character (for the pages). */
    public boolean hasHidden(@Nullable String text) {
        return containsHidden(text);
    }

    /**
     * The text with each hidden character replaced by its escape, for places without
     * markup (a page title).
     */
    public String escaped(@Nullable String text) {
        var shown = new StringBuilder();
        parts(text).forEach(part -> shown.append(part.text()));
        return shown.toString();
    }

    /**
     * The text in runs, hidden characters each as a run of their own with its escape, for
     * marking them.
     */
    public List<Part> parts(@Nullable String text) {
        List<Part> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        var visible = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            if (isHidden(codePoint)) {
                if (!visible.isEmpty()) {
                    parts.add(new Part(visible.toString(), false));
                    visible.setLength(0);
                }
                parts.add(new Part(escape(codePoint), true));
            }
            else {
                visible.appendCodePoint(codePoint);
            }
        });
        if (!visible.isEmpty()) {
            parts.add(new Part(visible.toString(), false));
        }
        return parts;
    }

    /**
     * Whether the character does not show as itself: a format (Cf) or control (Cc)
     * character, or a line or paragraph separator.
     */
    public static boolean isHidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * A backslash, u and four hex digits; beyond the Basic Multilingual Plane a
     * backslash, U and eight.
     */
    private static String escape(int codePoint) {
        return codePoint <= 0xFFFF ? String.format(Locale.ROOT, "\\u%04X", codePoint)
                : String.format(Locale.ROOT, "\\U%08X", codePoint);
    }

}
