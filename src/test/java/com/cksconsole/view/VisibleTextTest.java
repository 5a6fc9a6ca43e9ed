package com.cksconsole.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which characters are shown as escapes, at the edges of the ranges the issue names. */
class VisibleTextTest {

    private final VisibleText text = new VisibleText();

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = { "200B", "200C", "200D", "200E", "200F", "202A", "202B", "202C", "202D", "202E", "2066",
            "2067", "2068", "2069", "206A", "2060", "FEFF", "061C", "00AD", "2028", "2029", "0000", "001B", "007F",
            "E0001" })
    void invisibleAndDirectionChangingCharactersAreEscaped(String hex) {
        String hidden = Character.toString(Integer.parseInt(hex, 16));

        assertThat(text.hasHidden("a" + hidden + "b")).isTrue();
        assertThat(text.escaped("a" + hidden + "b"))
            .isEqualTo("a" + (hex.length() == 4 ? "\\u" + hex : "\\U000" + hex) + "b");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = { "200A", "2010", "2065", "0020", "00E9", "05D0", "0627", "1F600" })
    void visibleCharactersStayAsTheyAre(String hex) {
        String visible = "a" + Character.toString(Integer.parseInt(hex, 16)) + "b";

        assertThat(text.hasHidden(visible)).isFalse();
        assertThat(text.escaped(visible)).isEqualTo(visible);
    }

    @Test
    void theIssuesExampleIsSplitIntoMarkedParts() {
        assertThat(text.parts("finance-hsm-primary\u202E\u200Bexe.txt")).containsExactly(
                new VisibleText.Part("finance-hsm-primary", false), new VisibleText.Part("\\u202E", true),
                new VisibleText.Part("\\u200B", true), new VisibleText.Part("exe.txt", false));
        assertThat(text.parts(null)).isEmpty();
        assertThat(text.escaped("plain-name")).isEqualTo("plain-name");
    }

}
