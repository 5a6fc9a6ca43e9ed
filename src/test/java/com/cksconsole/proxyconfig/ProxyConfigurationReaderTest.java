package com.cksconsole.proxyconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON reader on its own, for input that {@link ProxyConfigurationParser} refuses
 * before it gets here.
 */
class ProxyConfigurationReaderTest {

    private static final ProxyConfigurationSource SOURCE = new ProxyConfigurationSource(
            ProxyConfigurationSource.Origin.PASTED_TEXT, "pasted text", 0,
            ProxyConfigurationParser.sha256Hex(new byte[0]));

    /**
     * Text without any JSON token (empty or JSON whitespace only) is not JSON: it is
     * refused with one whole-file sentence, never read as a value.
     */
    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\n\t\r " })
    void textWithoutAnyTokenIsNotJson(String text) {
        ProxyConfigurationImport result = ProxyConfigurationReader.read(text, SOURCE);

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.problems()).containsExactly(ImportMessage
            .wholeFile("The pasted text is not JSON: a proxy configuration is a JSON object that starts with {."));
    }

}
