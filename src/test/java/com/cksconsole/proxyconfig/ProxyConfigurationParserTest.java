package com.cksconsole.proxyconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.xks.XksProxyCredential;

class ProxyConfigurationParserTest {

    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

    private static final Charset UTF_16LE = StandardCharsets.UTF_16LE;

    private static final Charset UTF_16BE = StandardCharsets.UTF_16BE;

    private static final String PATH = "/kms/xks/v1";

    private static final String ACCESS_KEY_ID = "EZCOJCBEUDBISVFZ6XJ6";

    private static final String SECRET = "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs";

    private static final String SECRET_CHARS = "Zq7+/Wm3=Xk9pL2vR8tY4nB6cH1jF5gD0sA";

    private static final String ACCESS_KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final ProxyConfigurationParser parser = new ProxyConfigurationParser(
            new ProxyConfigurationProperties(DataSize.ofKilobytes(64), Duration.ofMinutes(10)));

    // --- helpers
    // -----------------------------------------------------------------------------------------

    private static byte[] fixture(String name) {
        try (InputStream in = ProxyConfigurationParserTest.class.getResourceAsStream("/proxy-config/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private ProxyConfigurationImport importFixture(String name) {
        return parser.parseUpload(name, fixture(name));
    }

    private ProxyConfigurationImport importText(String json) {
        return parser.parseUpload("proxy.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String config(String path, String accessKeyId, String secret) {
        return "{\"XksProxyUriPath\": \"" + path + "\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\": \""
                + accessKeyId + "\", \"RawSecretAccessKey\": \"" + secret + "\"}}";
    }

    private static String configWith(String extraTopLevelMembers) {
        return "{" + extraTopLevelMembers + ", \"XksProxyUriPath\": \"" + PATH + "\","
                + " \"XksProxyAuthenticationCredential\": {\"AccessKeyId\": \"" + ACCESS_KEY_ID + "\","
                + " \"RawSecretAccessKey\": \"" + SECRET + "\"}}";
    }

    private static String secretOfLength(int length) {
        return SECRET_CHARS.repeat(3).substring(0, length);
    }

    private static String accessKeyIdOfLength(int length) {
        return ACCESS_KEY_CHARS.substring(0, length);
    }

    private static ProxyConfigurationValues accepted(ProxyConfigurationImport result) {
        assertThat(result.problems()).as("problems").isEmpty();
        assertThat(result.isAccepted()).isTrue();
        return result.values().orElseThrow();
    }

    private static List<ImportMessage> refused(ProxyConfigurationImport result) {
        assertThat(result.isAccepted()).as("refused").isFalse();
        assertThat(result.values()).isEmpty();
        assertThat(result.problems()).isNotEmpty();
        return result.problems();
    }

    /** The one whole-file problem of a refusal that stops before any key is looked at. */
    private static String onlyWholeFileProblem(ProxyConfigurationImport result) {
        List<ImportMessage> problems = refused(result);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).key()).isNull();
        return problems.get(0).text();
    }

    private static List<String> keys(List<ImportMessage> messages) {
        return messages.stream().map(ImportMessage::key).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // --- the sample files, each with the outcome the fixtures README states
    // ---------------------------------

    @Nested
    class Fixtures {

        @Test
        void validMinimalPrefillsPathAndBothCredentialParts() throws Exception {
            ProxyConfigurationImport result = importFixture("valid-minimal.json");

            ProxyConfigurationValues values = accepted(result);
            assertThat(values.uriPath()).isEqualTo("/kms/xks/v1");
            assertThat(values.accessKeyId()).isEqualTo("EZCOJCBEUDBISVFZ6XJ6");
            assertThat(values.rawSecretAccessKey()).isEqualTo("d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs");
            assertThat(values.uriEndpoint()).isNull();
            assertThat(values.connectivity()).isNull();
            assertThat(values.vpcEndpointServiceName()).isNull();
            assertThat(result.warnings()).isEmpty();
            assertThat(result.source())
                .isEqualTo(new ProxyConfigurationSource(ProxyConfigurationSource.Origin.UPLOADED_FILE,
                        "valid-minimal.json", 199, sha256(fixture("valid-minimal.json"))));
        }

        @Test
        void validPrefixedPathKeepsThePrefixAndTheSecretsTrailingEqualsSign() {
            ProxyConfigurationValues values = accepted(importFixture("valid-prefixed-path.json"));

            assertThat(values.uriPath()).isEqualTo("/keystores/f3a1c2d4-5b6e-47a8-9c0d-1e2f3a4b5c6d/kms/xks/v1");
            assertThat(values.accessKeyId()).isEqualTo("NHPUESHXLXKMEZGVLALTZBCMPX");
            assertThat(values.rawSecretAccessKey()).isEqualTo("8BUTZHCmLSLCYYrH2tFHuql4YLT9JspiqE9hIWEKGw0=");
        }

        @Test
        void validWithEndpointPrefillsEndpointPathPublicConnectivityAndCredential() {
            ProxyConfigurationValues values = accepted(importFixture("valid-with-endpoint.json"));

            assertThat(values.uriEndpoint()).isEqualTo("https://xks.example.test");
            assertThat(values.uriPath()).isEqualTo("/tenant-a/kms/xks/v1");
            assertThat(values.connectivity()).isEqualTo(XksConnectivity.PUBLIC_ENDPOINT);
            assertThat(values.vpcEndpointServiceName()).isNull();
            assertThat(values.accessKeyId()).isEqualTo("MHYURUDZPRY7TSCPAVZRD7DV");
            assertThat(values.rawSecretAccessKey()).isEqualTo("S6NvjPrv6gPZ0RMlp8+ambc0BF/pSyusAASojbyht2U");
        }

        @Test
        void validVpcAlsoPrefillsVpcConnectivityAndTheServiceName() {
            ProxyConfigurationValues values = accepted(importFixture("valid-vpc.json"));

            assertThat(values.uriEndpoint()).isEqualTo("https://myproxy-private.xks.example.test");
            assertThat(values.connectivity()).isEqualTo(XksConnectivity.VPC_ENDPOINT_SERVICE);
            assertThat(values.vpcEndpointServiceName())
                .isEqualTo("com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718");
            assertThat(values.accessKeyId()).isEqualTo("FOHXA2JNDVJ7QYKSHLVOTSVWF76RP2");
        }

        @Test
        void validUnknownKeysIsAcceptedWithAWarningNamingCommentAndVersion() {
            ProxyConfigurationImport result = importFixture("valid-unknown-keys.json");

            assertThat(accepted(result).uriPath()).isEqualTo("/kms/xks/v1");
            assertThat(keys(result.warnings())).containsExactly("Comment", "Version");
            assertThat(result.warnings()).allSatisfy(warning -> assertThat(warning.text()).contains("ignored"));
        }

        @Test
        void validUtf8BomIsAccepted() {
            ProxyConfigurationValues values = accepted(importFixture("valid-utf8-bom.json"));

            assertThat(values.uriPath()).isEqualTo("/kms/xks/v1");
            assertThat(values.accessKeyId()).isEqualTo("Z6MWDXNBI3IFASCSJ3LYQN");
        }

        @Test
        void invalidPathSuffixIsRefusedBecauseThePathMustEndInKmsXksVersion() {
            List<ImportMessage> problems = refused(importFixture("invalid-path-suffix.json"));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("XksProxyUriPath");
                assertThat(problem.text())
                    .contains("XksProxyUriPath must end in /kms/xks/v<number> (no trailing slash)");
            });
        }

        @Test
        void invalidAccessKeyCharsIsRefusedBecauseOnlyAToZAndTwoToSevenAreAllowed() {
            List<ImportMessage> problems = refused(importFixture("invalid-access-key-chars.json"));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("XksProxyAuthenticationCredential.AccessKeyId");
                assertThat(problem.text()).isEqualTo("AccessKeyId allows only A-Z and 2-7.");
            });
        }

        @Test
        void invalidSecretTooShortIsRefusedBecauseTheSecretNeeds43To64Characters() {
            List<ImportMessage> problems = refused(importFixture("invalid-secret-too-short.json"));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("XksProxyAuthenticationCredential.RawSecretAccessKey");
                assertThat(problem.text()).isEqualTo("RawSecretAccessKey needs 43-64 characters.");
            });
        }

        @Test
        void invalidMissingSecretIsRefusedBecauseBothCredentialPartsAreRequiredTogether() {
            List<ImportMessage> problems = refused(importFixture("invalid-missing-secret.json"));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("XksProxyAuthenticationCredential.RawSecretAccessKey");
                assertThat(problem.text()).contains("both credential parts are required together");
            });
        }

        @Test
        void invalidWrongTypesIsRefusedNamingTheArrayAndTheNumberFound() {
            List<ImportMessage> problems = refused(importFixture("invalid-wrong-types.json"));

            assertThat(problems).containsExactly(
                    new ImportMessage("XksProxyUriPath", "XksProxyUriPath must be a string, but it is an array."),
                    new ImportMessage("XksProxyAuthenticationCredential.AccessKeyId",
                            "AccessKeyId must be a string, but it is a number."));
        }

        @Test
        void invalidTopLevelArrayIsRefusedBecauseTheFileMustHoldOneJsonObject() {
            assertThat(onlyWholeFileProblem(importFixture("invalid-top-level-array.json")))
                .isEqualTo("The file \"invalid-top-level-array.json\" must hold one JSON object ({ ... }),"
                        + " but it holds an array.");
        }

        @Test
        void invalidKeyCaseIsRefusedAsNothingRecognisedWithCaseHints() {
            ProxyConfigurationImport result = importFixture("invalid-key-case.json");

            List<ImportMessage> problems = refused(result);
            assertThat(problems.get(0).key()).isNull();
            assertThat(problems.get(0).text()).contains("holds none of the keys of an XKS proxy configuration");
            assertThat(problems).extracting(ImportMessage::text)
                .contains(
                        "xksProxyUriPath differs only in case from XksProxyUriPath; key names are case-sensitive,"
                                + " so it was ignored.",
                        "xksProxyAuthenticationCredential differs only in case from XksProxyAuthenticationCredential;"
                                + " key names are case-sensitive, so it was ignored.");
            assertThat(keys(problems)).contains("xksProxyUriPath", "xksProxyAuthenticationCredential");
        }

        @Test
        void invalidDuplicateKeyIsRefusedNamingTheKeyThatAppearsTwice() {
            List<ImportMessage> problems = refused(importFixture("invalid-duplicate-key.json"));

            assertThat(problems).containsExactly(new ImportMessage("XksProxyUriPath",
                    "XksProxyUriPath appears twice; each key may appear only once."));
        }

        @Test
        void invalidTrailingContentIsRefusedBecauseContentFollowsTheObject() {
            assertThat(onlyWholeFileProblem(importFixture("invalid-trailing-content.json")))
                .contains("continues after its JSON object ends");
        }

        @Test
        void invalidNotJsonIsRefusedAsNotJson() {
            assertThat(onlyWholeFileProblem(importFixture("invalid-not-json.txt")))
                .isEqualTo("The file \"invalid-not-json.txt\" is not JSON: a proxy configuration is a JSON"
                        + " object that starts with {.");
        }

        @Test
        void invalidEmptyIsRefusedAsEmpty() {
            assertThat(onlyWholeFileProblem(importFixture("invalid-empty.json")))
                .isEqualTo("The file \"invalid-empty.json\" is empty.");
        }

    }

    // --- size and encoding, checked before any JSON is read
    // ---------------------------------------------

    @Nested
    class SizeAndEncoding {

        private static final int MAX = 64 * 1024;

        private byte[] validConfigPaddedTo(int size) {
            byte[] json = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[size];
            System.arraycopy(json, 0, padded, 0, json.length);
            Arrays.fill(padded, json.length, size, (byte) ' ');
            return padded;
        }

        @Test
        void exactly64KiBIsAccepted() {
            assertThat(accepted(parser.parseUpload("big.json", validConfigPaddedTo(MAX))).uriPath()).isEqualTo(PATH);
        }

        @Test
        void oneByteOver64KiBIsRefusedWithItsOwnMessage() {
            assertThat(onlyWholeFileProblem(parser.parseUpload("big.json", validConfigPaddedTo(MAX + 1))))
                .isEqualTo("The file \"big.json\" is 65,537 bytes; a proxy configuration may be at most"
                        + " 64 KiB (65,536 bytes).");
        }

        @Test
        void sizeIsCheckedBeforeTheContentIsLookedAt() {
            byte[] binary = new byte[MAX + 1]; // all NUL: would otherwise be "binary"

            assertThat(onlyWholeFileProblem(parser.parseUpload("big.bin", binary))).contains("65,537 bytes");
        }

        @Test
        void theConfiguredMaximumSizeApplies() {
            var small = new ProxyConfigurationParser(
                    new ProxyConfigurationProperties(DataSize.ofBytes(1000), Duration.ofMinutes(10)));

            assertThat(accepted(small.parseUpload("proxy.json", validConfigPaddedTo(1000))).uriPath()).isEqualTo(PATH);
            assertThat(onlyWholeFileProblem(small.parseUpload("proxy.json", validConfigPaddedTo(1001))))
                .endsWith("at most 1,000 bytes.");
        }

        @Test
        void binaryContentWithNulBytesIsRefusedAsBinary() {
            byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

            assertThat(onlyWholeFileProblem(parser.parseUpload("logo.png", png)))
                .isEqualTo("The file \"logo.png\" looks like binary content, not text: it contains NUL or other"
                        + " control characters. A proxy configuration is a JSON text file.");
        }

        @ParameterizedTest
        @ValueSource(ints = { 0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F })
        void aSingleControlCharacterMakesTheFileBinary(int control) {
            String json = config(PATH, ACCESS_KEY_ID, SECRET) + (char) control;

            assertThat(onlyWholeFileProblem(importText(json))).contains("looks like binary content");
        }

        @Test
        void tabsAndBothLineEndingsAreOrdinaryText() {
            String json = "{\r\n\t\"XksProxyUriPath\": \"" + PATH + "\",\n\t\"XksProxyAuthenticationCredential\":"
                    + " {\"AccessKeyId\": \"" + ACCESS_KEY_ID + "\", \"RawSecretAccessKey\": \"" + SECRET + "\"}\r\n}";

            assertThat(accepted(importText(json)).uriPath()).isEqualTo(PATH);
        }

        @Test
        void invalidUtf8IsRefusedWithItsOwnMessage() {
            byte[] json = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.ISO_8859_1);
            byte[] latin1 = new byte[json.length + 2];
            System.arraycopy(json, 0, latin1, 2, json.length);
            latin1[0] = ' ';
            latin1[1] = (byte) 0xE9; // 'é' in ISO-8859-1: not UTF-8

            assertThat(onlyWholeFileProblem(parser.parseUpload("latin1.json", latin1)))
                .isEqualTo("The file \"latin1.json\" is not valid UTF-8 text; save it as UTF-8 and try again.");
        }

        @Test
        void overlongUtf8EncodingIsRefusedAsInvalidUtf8() {
            byte[] overlongSlash = { '{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}' };

            assertThat(onlyWholeFileProblem(parser.parseUpload("x.json", overlongSlash))).contains("not valid UTF-8");
        }

        @Test
        void utf16IsRefusedWithAHintToSaveAsUtf8() {
            byte[] utf16 = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.UTF_16); // with
                                                                                                  // a
                                                                                                  // BOM

            assertThat(onlyWholeFileProblem(parser.parseUpload("notepad.json", utf16)))
                .isEqualTo("The file \"notepad.json\" is saved as UTF-16; save it as UTF-8 and try again.");
        }

        @Test
        void utf32IsNamedWithItsByteOrderWithOrWithoutAMark() {
            String json = config(PATH, ACCESS_KEY_ID, SECRET);

            assertThat(onlyWholeFileProblem(parser.parseUpload("le.json", ("\uFEFF" + json).getBytes(UTF_32LE))))
                .isEqualTo("The file \"le.json\" is saved as UTF-32 (little-endian); save it as UTF-8 and try"
                        + " again.");
            assertThat(onlyWholeFileProblem(parser.parseUpload("be.json", ("\uFEFF" + json).getBytes(UTF_32BE))))
                .contains("is saved as UTF-32 (big-endian)");
            assertThat(onlyWholeFileProblem(parser.parseUpload("le.json", json.getBytes(UTF_32LE))))
                .contains("is saved as UTF-32 (little-endian)");
            assertThat(onlyWholeFileProblem(parser.parseUpload("be.json", json.getBytes(UTF_32BE))))
                .contains("is saved as UTF-32 (big-endian)");
        }

        @Test
        void utf16WithoutAMarkIsNamedUtf16NotBinary() {
            byte[] utf16le = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.UTF_16LE);

            assertThat(onlyWholeFileProblem(parser.parseUpload("notepad.json", utf16le)))
                .isEqualTo("The file \"notepad.json\" is saved as UTF-16; save it as UTF-8 and try again.");
        }

        @Test
        void nulBytesAfterNoJsonStartAreStillBinary() {
            assertThat(onlyWholeFileProblem(parser.parseUpload("x.bin", new byte[] { 'M', 'Z', 0, 0, 1, 2 })))
                .contains("looks like binary content");
        }

        @Test
        void aLeadingUtf8BomIsTolerated() {
            byte[] json = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[json.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(json, 0, withBom, 3, json.length);

            assertThat(accepted(parser.parseUpload("bom.json", withBom)).uriPath()).isEqualTo(PATH);
        }

        @Test
        void aBomAnywhereButTheStartIsNotJson() {
            String json = "{\uFEFF\"XksProxyUriPath\": \"" + PATH + "\"}";

            assertThat(onlyWholeFileProblem(importText(json))).contains("is not valid JSON");
        }

        @Test
        void whitespaceOnlyIsRefusedWithItsOwnMessage() {
            assertThat(onlyWholeFileProblem(importText(" \n\t\r\n  ")))
                .isEqualTo("The file \"proxy.json\" contains only whitespace.");
        }

        @Test
        void aBomFollowedByWhitespaceOnlyIsWhitespaceOnly() {
            assertThat(onlyWholeFileProblem(importText("\uFEFF \n"))).contains("contains only whitespace");
        }

        @Test
        void emptyPastedTextIsRefusedAsEmpty() {
            assertThat(onlyWholeFileProblem(parser.parsePastedText(""))).isEqualTo("The pasted text is empty.");
        }

        /**
         * UTF-16 is named whatever its byte order, with or without a byte order mark (RFC
         * 4627, section 3).
         */
        @Test
        void utf16IsNamedInEitherByteOrderWithOrWithoutAMark() {
            String json = config(PATH, ACCESS_KEY_ID, SECRET);

            assertThat(onlyWholeFileProblem(parser.parseUpload("le.json", ("\uFEFF" + json).getBytes(UTF_16LE))))
                .isEqualTo("The file \"le.json\" is saved as UTF-16; save it as UTF-8 and try again.");
            assertThat(onlyWholeFileProblem(parser.parseUpload("be.json", json.getBytes(UTF_16BE))))
                .isEqualTo("The file \"be.json\" is saved as UTF-16; save it as UTF-8 and try again.");
        }

        /**
         * Without a byte order mark, a wide encoding is recognised by the NUL bytes
         * around a first character that may begin a JSON text: each of {, [, space, tab,
         * line feed and carriage return, in all four byte orders.
         */
        @ParameterizedTest
        @ValueSource(strings = { "{", "[", " ", "\t", "\n", "\r" })
        void everyCharacterThatMayBeginJsonIdentifiesAWideEncoding(String first) {
            String text = first + config(PATH, ACCESS_KEY_ID, SECRET);

            assertThat(onlyWholeFileProblem(parser.parseUpload("x.json", text.getBytes(UTF_16LE))))
                .contains("is saved as UTF-16;");
            assertThat(onlyWholeFileProblem(parser.parseUpload("x.json", text.getBytes(UTF_16BE))))
                .contains("is saved as UTF-16;");
            assertThat(onlyWholeFileProblem(parser.parseUpload("x.json", text.getBytes(UTF_32LE))))
                .contains("is saved as UTF-32 (little-endian);");
            assertThat(onlyWholeFileProblem(parser.parseUpload("x.json", text.getBytes(UTF_32BE))))
                .contains("is saved as UTF-32 (big-endian);");
        }

        /**
         * The byte patterns at the start of a file that name a wide encoding, at their
         * boundaries: the marks alone, the shortest texts (one character), NULs around a
         * character that cannot begin JSON, and too few or misplaced NULs, which are
         * binary content. UTF-16 texts whose first two characters have NUL bytes in other
         * places are not UTF-32, and half a mark is no mark. A file too short for a
         * pattern is never read past its end.
         */
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = { "0000FEFF | is saved as UTF-32 (big-endian);",
                "0000007B | is saved as UTF-32 (big-endian);", "FFFE0000 | is saved as UTF-32 (little-endian);",
                "7B000000 | is saved as UTF-32 (little-endian);", "FEFF     | is saved as UTF-16;",
                "FFFE     | is saved as UTF-16;", "007B     | is saved as UTF-16;", "7B00     | is saved as UTF-16;",
                "00000041 | looks like binary content", "41000000 | looks like binary content",
                "0041     | looks like binary content", "4100     | looks like binary content",
                "0000207B | looks like binary content", "7B220000 | looks like binary content",
                "0000     | looks like binary content", "000000   | looks like binary content",
                "00       | looks like binary content", "7B       | ends before its JSON object is complete",
                "007B0020 | is saved as UTF-16;", "7B002000 | is saved as UTF-16;", "7B000020 | is saved as UTF-16;",
                "41FF     | is not valid UTF-8", "FE41     | is not valid UTF-8" })
        void theFirstBytesNameAWideEncodingOnlyInTheirExactPatterns(String hex, String expected) {
            assertThat(onlyWholeFileProblem(parser.parseUpload("x.json", HexFormat.of().parseHex(hex))))
                .contains(expected);
        }

        /** A maximum of whole mebibytes is stated in MiB with the exact byte count. */
        @Test
        void aMaximumOfWholeMebibytesIsStatedInMib() {
            var oneMib = new ProxyConfigurationParser(
                    new ProxyConfigurationProperties(DataSize.ofMegabytes(1), Duration.ofMinutes(10)));

            assertThat(onlyWholeFileProblem(oneMib.parseUpload("big.json", new byte[1024 * 1024 + 1])))
                .isEqualTo("The file \"big.json\" is 1,048,577 bytes; a proxy configuration may be at most"
                        + " 1 MiB (1,048,576 bytes).");
        }

    }

    // --- JSON structure
    // -----------------------------------------------------------------------------------

    @Nested
    class Structure {

        @ParameterizedTest
        @CsvSource(delimiter = '|',
                value = { "\"/kms/xks/v1\"   | a string", "42                | a number",
                        "4.2               | a number", "true              | a boolean", "null              | null",
                        "[]                | an array" })
        void aTopLevelValueOtherThanAnObjectIsRefused(String json, String found) {
            assertThat(onlyWholeFileProblem(importText(json)))
                .isEqualTo("The file \"proxy.json\" must hold one JSON object ({ ... }), but it holds " + found + ".");
        }

        @Test
        void plainTextIsNotJson() {
            assertThat(onlyWholeFileProblem(importText("hello world"))).contains("is not JSON");
        }

        @Test
        void garbageAfterTheObjectIsTrailingContent() {
            assertThat(onlyWholeFileProblem(importText(config(PATH, ACCESS_KEY_ID, SECRET) + " }")))
                .contains("continues after its JSON object ends");
        }

        @Test
        void aTruncatedObjectIsRefusedAsIncomplete() {
            assertThat(onlyWholeFileProblem(importText("{\"XksProxyUriPath\": \"/kms/xks/v1\"")))
                .isEqualTo("The file \"proxy.json\" ends before its JSON object is complete; a closing } or \""
                        + " may be missing.");
        }

        @Test
        void aSyntaxErrorInsideTheObjectIsRefusedWithLineAndColumn() {
            String json = "{\n  \"XksProxyUriPath\" \"/kms/xks/v1\"\n}";

            assertThat(onlyWholeFileProblem(importText(json)))
                .startsWith("The file \"proxy.json\" is not valid JSON (the problem is near line 2, column");
        }

        @ParameterizedTest
        @ValueSource(strings = { "{\"XksProxyUriPath\": '/kms/xks/v1'}", "{XksProxyUriPath: \"/kms/xks/v1\"}",
                "{\"XksProxyUriPath\": \"/kms/xks/v1\",}", "{\"XksProxyUriPath\": \"/kms/xks/v1\" /* comment */}" })
        void lenientJsonDialectsAreRefused(String json) {
            assertThat(onlyWholeFileProblem(importText(json))).contains("is not valid JSON");
        }

        @Test
        void aDuplicateKeyInsideTheCredentialIsRefusedByItsPath() {
            String json = "{\"XksProxyUriPath\": \"" + PATH + "\", \"XksProxyAuthenticationCredential\":"
                    + " {\"AccessKeyId\": \"" + ACCESS_KEY_ID + "\", \"AccessKeyId\": \"" + ACCESS_KEY_ID + "\","
                    + " \"RawSecretAccessKey\": \"" + SECRET + "\"}}";

            assertThat(refused(importText(json)))
                .containsExactly(new ImportMessage("XksProxyAuthenticationCredential.AccessKeyId",
                        "XksProxyAuthenticationCredential.AccessKeyId appears twice; each key may appear only once."));
        }

        @Test
        void aKeyAppearingThreeTimesSaysSo() {
            String json = configWith("\"XksProxyUriEndpoint\": \"https://a.example\","
                    + " \"XksProxyUriEndpoint\": \"https://b.example\", \"XksProxyUriEndpoint\": \"https://c.example\"");

            assertThat(refused(importText(json))).extracting(ImportMessage::text)
                .containsExactly("XksProxyUriEndpoint appears 3 times; each key may appear only once.");
        }

        @Test
        void aDuplicateKeyInsideAnIgnoredObjectIsStillRefused() {
            List<ImportMessage> problems = refused(importText(configWith("\"Meta\": {\"a\": 1, \"a\": 2}")));

            assertThat(keys(problems)).containsExactly("Meta.a");
        }

        @Test
        void anObjectNestedInsideTheCredentialIsTooDeep() {
            String json = "{\"XksProxyUriPath\": \"" + PATH + "\", \"XksProxyAuthenticationCredential\":"
                    + " {\"AccessKeyId\": \"" + ACCESS_KEY_ID + "\", \"RawSecretAccessKey\": \"" + SECRET + "\","
                    + " \"Extra\": {\"Deeper\": \"x\"}}}";

            assertThat(refused(importText(json)))
                .containsExactly(new ImportMessage("XksProxyAuthenticationCredential.Extra",
                        "XksProxyAuthenticationCredential.Extra holds an object nested too deeply: the only nested"
                                + " object in a proxy configuration is XksProxyAuthenticationCredential."));
        }

        @Test
        void anArrayNestedInsideTheCredentialIsTooDeep() {
            String json = "{\"XksProxyUriPath\": \"" + PATH + "\", \"XksProxyAuthenticationCredential\":"
                    + " {\"AccessKeyId\": \"" + ACCESS_KEY_ID + "\", \"RawSecretAccessKey\": \"" + SECRET + "\","
                    + " \"Tags\": [\"a\"]}}";

            assertThat(keys(refused(importText(json)))).containsExactly("XksProxyAuthenticationCredential.Tags");
        }

        @Test
        void anObjectTwoLevelsBelowAnIgnoredTopLevelKeyIsTooDeep() {
            List<ImportMessage> problems = refused(importText(configWith("\"Meta\": {\"Inner\": {\"x\": 1}}")));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("Meta.Inner");
                assertThat(problem.text()).contains("nested too deeply");
            });
        }

        @Test
        void veryDeepNestingIsRefusedWithoutFailing() {
            String deep = "[".repeat(5000) + "]".repeat(5000);

            List<ImportMessage> problems = refused(importText(configWith("\"Meta\": " + deep)));

            assertThat(problems).singleElement()
                .satisfies(problem -> assertThat(problem.text()).contains("far deeper"));
        }

        @Test
        void thousandsOfIgnoredKeysAreListedUpToTwentyAndCounted() {
            StringBuilder unknown = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                unknown.append(i == 0 ? "" : ", ").append("\"Extra").append(i).append("\": ").append(i);
            }

            ProxyConfigurationImport result = importText(configWith(unknown.toString()));

            assertThat(accepted(result).uriPath()).isEqualTo(PATH);
            assertThat(result.warnings()).hasSize(21);
            assertThat(result.warnings().get(19).key()).isEqualTo("Extra19");
            assertThat(result.warnings().get(20))
                .isEqualTo(ImportMessage.wholeFile("... and 980 more keys were ignored."));
        }

        @Test
        void twentyOneProblemsAreListedAsTwentyAndOneMore() {
            StringBuilder duplicates = new StringBuilder();
            for (int i = 0; i < 21; i++) {
                duplicates.append(i == 0 ? "" : ", ")
                    .append("\"Dup")
                    .append(i)
                    .append("\": 1, \"Dup")
                    .append(i)
                    .append("\": 2");
            }

            List<ImportMessage> problems = refused(importText(configWith(duplicates.toString())));

            assertThat(problems).hasSize(21);
            assertThat(problems.get(20)).isEqualTo(ImportMessage.wholeFile("... and 1 more problem."));
        }

        @Test
        void anIgnoredTopLevelObjectOrArrayOfScalarsIsOnlyAWarning() {
            ProxyConfigurationImport result = importText(
                    configWith("\"Meta\": {\"vendor\": \"x\"}, \"Tags\": [\"a\", 1, null]"));

            assertThat(accepted(result).uriPath()).isEqualTo(PATH);
            assertThat(keys(result.warnings())).containsExactly("Meta", "Tags");
        }

        /**
         * A key's later occurrences are not read: the duplicate is the one problem, even
         * where a later value would break another rule (top level, credential and inside
         * an ignored value).
         */
        @Test
        void onlyTheFirstOccurrenceOfADuplicateKeyIsRead() {
            assertThat(refused(importText(
                    configWith("\"XksProxyUriEndpoint\": \"https://a.example.com\", \"XksProxyUriEndpoint\": 5"))))
                .extracting(ImportMessage::text)
                .containsExactly("XksProxyUriEndpoint appears twice; each key may appear only once.");
            assertThat(refused(importText(config(PATH, ACCESS_KEY_ID, SECRET).replace("\"RawSecretAccessKey\"",
                    "\"AccessKeyId\": [1], \"RawSecretAccessKey\""))))
                .extracting(ImportMessage::text)
                .containsExactly(
                        "XksProxyAuthenticationCredential.AccessKeyId appears twice; each key may appear only once.");
            assertThat(refused(importText(configWith("\"Meta\": {\"a\": 1, \"a\": {\"b\": {\"c\": 1}}}"))))
                .extracting(ImportMessage::text)
                .containsExactly("Meta.a appears twice; each key may appear only once.");
        }

        /**
         * An array inside an ignored key counts as a level of nesting: an object or array
         * in it is too deep, and the problem names the element by its index.
         */
        @Test
        void aContainerInsideAnArrayOfAnIgnoredKeyIsTooDeepAndNamedByItsIndex() {
            assertThat(refused(importText(configWith("\"Tags\": [\"a\", {\"b\": 1}]"))))
                .containsExactly(new ImportMessage("Tags[1]", "Tags[1] holds an object nested too deeply: the only"
                        + " nested object in a proxy configuration is XksProxyAuthenticationCredential."));
            assertThat(refused(importText(configWith("\"Tags\": [[\"a\"], 1, [2]]")))).extracting(ImportMessage::key)
                .containsExactly("Tags[0]", "Tags[2]");
        }

        /** Exactly twenty messages are all listed, without a count of more. */
        @Test
        void twentyIgnoredKeysAreAllListed() {
            StringBuilder unknown = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                unknown.append(i == 0 ? "" : ", ").append("\"Extra").append(i).append("\": ").append(i);
            }

            ProxyConfigurationImport result = importText(configWith(unknown.toString()));

            assertThat(accepted(result).uriPath()).isEqualTo(PATH);
            assertThat(result.warnings()).hasSize(20).allSatisfy(warning -> assertThat(warning.key()).isNotNull());
        }

        /** A syntax error on the first line is located on line 1. */
        @Test
        void aSyntaxErrorOnTheFirstLineIsLocatedOnLineOne() {
            assertThat(onlyWholeFileProblem(importText("{\"XksProxyUriPath\" \"/kms/xks/v1\"}")))
                .isEqualTo("The file \"proxy.json\" is not valid JSON (the problem is near line 1, column 20).");
        }

    }

    // --- types of the recognised keys
    // -----------------------------------------------------------------------

    @Nested
    class Types {

        @Test
        void nullIsRefusedWhereAStringIsExpected() {
            assertThat(refused(importText(config(PATH, ACCESS_KEY_ID, SECRET).replace("\"" + PATH + "\"", "null"))))
                .containsExactly(
                        new ImportMessage("XksProxyUriPath", "XksProxyUriPath must be a string, but it is null."));
        }

        @Test
        void aBooleanIsRefusedWhereAStringIsExpected() {
            assertThat(refused(importText(config(PATH, ACCESS_KEY_ID, SECRET).replace("\"" + SECRET + "\"", "true"))))
                .containsExactly(new ImportMessage("XksProxyAuthenticationCredential.RawSecretAccessKey",
                        "RawSecretAccessKey must be a string, but it is a boolean."));
        }

        @Test
        void anObjectIsRefusedWhereAStringIsExpected() {
            assertThat(refused(importText(
                    config(PATH, ACCESS_KEY_ID, SECRET).replace("\"" + PATH + "\"", "{\"value\": \"/kms/xks/v1\"}"))))
                .containsExactly(
                        new ImportMessage("XksProxyUriPath", "XksProxyUriPath must be a string, but it is an object."));
        }

        @Test
        void aNumberIsRefusedForAnOptionalKeyToo() {
            assertThat(refused(importText(configWith("\"XksProxyConnectivity\": 1"))))
                .containsExactly(new ImportMessage("XksProxyConnectivity",
                        "XksProxyConnectivity must be a string, but it is a number."));
        }

        @Test
        void aCredentialThatIsNotAnObjectIsRefused() {
            String json = "{\"XksProxyUriPath\": \"" + PATH + "\", \"XksProxyAuthenticationCredential\": \""
                    + ACCESS_KEY_ID + ":" + SECRET + "\"}";

            assertThat(refused(importText(json))).containsExactly(new ImportMessage("XksProxyAuthenticationCredential",
                    "XksProxyAuthenticationCredential must be an object holding AccessKeyId and RawSecretAccessKey,"
                            + " but it is a string."));
        }

        /**
         * A credential that is not an object still counts as present: a file holding only
         * that is refused for it and for the missing path, not as holding no key at all.
         */
        @Test
        void aCredentialThatIsNotAnObjectCountsAsPresent() {
            assertThat(refused(importText("{\"XksProxyAuthenticationCredential\": 1}"))).extracting(ImportMessage::key)
                .containsExactly("XksProxyAuthenticationCredential", "XksProxyUriPath");
        }

    }

    // --- key names
    // ---------------------------------------------------------------------------------------------

    @Nested
    class KeyNames {

        @Test
        void anUnknownKeyInsideTheCredentialIsIgnoredWithAWarningNamingItsPath() {
            String json = config(PATH, ACCESS_KEY_ID, SECRET).replace("{\"AccessKeyId\"",
                    "{\"Comment\": \"rotated 2026-01\", \"AccessKeyId\"");

            ProxyConfigurationImport result = importText(json);

            assertThat(accepted(result).accessKeyId()).isEqualTo(ACCESS_KEY_ID);
            assertThat(result.warnings()).containsExactly(new ImportMessage("XksProxyAuthenticationCredential.Comment",
                    "XksProxyAuthenticationCredential.Comment is not part of an XKS proxy configuration and was"
                            + " ignored."));
        }

        @Test
        void aMiscasedOptionalKeyIsIgnoredWithACaseHintAndTheFileStillAccepted() {
            ProxyConfigurationImport result = importText(configWith("\"xksproxyconnectivity\": \"PUBLIC_ENDPOINT\""));

            assertThat(accepted(result).connectivity()).isNull();
            assertThat(result.warnings()).containsExactly(new ImportMessage("xksproxyconnectivity",
                    "xksproxyconnectivity differs only in case from XksProxyConnectivity; key names are"
                            + " case-sensitive, so it was ignored."));
        }

        @Test
        void aMiscasedRequiredKeyIsRefusedAsMissingWithTheCaseHintAmongTheProblems() {
            String json = config(PATH, ACCESS_KEY_ID, SECRET).replace("\"XksProxyUriPath\"", "\"XKSPROXYURIPATH\"");

            List<ImportMessage> problems = refused(importText(json));

            assertThat(problems).containsExactly(
                    new ImportMessage("XksProxyUriPath", "XksProxyUriPath is missing; it is required."),
                    new ImportMessage("XKSPROXYURIPATH", "XKSPROXYURIPATH differs only in case from XksProxyUriPath;"
                            + " key names are case-sensitive, so it was ignored."));
        }

        /**
         * In a refused file a case hint is listed once, among the problems; the other
         * ignored keys stay warnings.
         */
        @Test
        void aRefusedFileListsItsCaseHintsAsProblemsAndNotAgainAsWarnings() {
            String json = config(PATH, ACCESS_KEY_ID, SECRET).replace("\"XksProxyUriPath\"",
                    "\"Comment\": 1," + " \"XKSPROXYURIPATH\"");

            ProxyConfigurationImport result = importText(json);

            assertThat(keys(refused(result))).containsExactly("XksProxyUriPath", "XKSPROXYURIPATH");
            assertThat(keys(result.warnings())).containsExactly("Comment");
        }

        @Test
        void aMiscasedCredentialPartGetsAHintByItsPath() {
            String json = config(PATH, ACCESS_KEY_ID, SECRET).replace("\"AccessKeyId\"", "\"AccessKeyID\"");

            assertThat(keys(refused(importText(json)))).containsExactly("XksProxyAuthenticationCredential.AccessKeyId",
                    "XksProxyAuthenticationCredential.AccessKeyID");
        }

        @Test
        void aVeryLongUnknownKeyNameIsShortenedInTheWarning() {
            ProxyConfigurationImport result = importText(configWith("\"" + "x".repeat(500) + "\": 1"));

            assertThat(accepted(result).uriPath()).isEqualTo(PATH);
            assertThat(result.warnings()).singleElement()
                .satisfies(warning -> assertThat(warning.key()).isEqualTo("x".repeat(100) + "\u2026"));
        }

        @Test
        void controlCharactersInAnUnknownKeyNameAreReplaced() {
            ProxyConfigurationImport result = importText(configWith("\"Bad\\u0007Key\\nName\": 1"));

            assertThat(keys(result.warnings())).containsExactly("Bad?Key?Name");
        }

        @Test
        void anUnknownKeyNameThatCouldBeACredentialIsNotEchoed() {
            ProxyConfigurationImport result = importText(configWith("\"" + ACCESS_KEY_ID + "\": \"x\""));

            assertThat(keys(result.warnings())).containsExactly("(a key name that looks like a credential)");
        }

        @Test
        void aFileWithOnlyUnknownKeysIsRefusedAsNothingRecognised() {
            ProxyConfigurationImport result = importText("{\"Comment\": \"hello\"}");

            assertThat(refused(result)).containsExactly(ImportMessage.wholeFile("The file \"proxy.json\" holds none"
                    + " of the keys of an XKS proxy configuration; it needs XksProxyUriPath and"
                    + " XksProxyAuthenticationCredential."));
            assertThat(keys(result.warnings())).containsExactly("Comment");
        }

        @Test
        void anEmptyObjectIsRefusedAsNothingRecognised() {
            assertThat(onlyWholeFileProblem(importText("{ }"))).contains("holds none of the keys");
        }

        /**
         * Invisible format characters (such as a right-to-left override) in an unknown
         * key name are replaced too.
         */
        @Test
        void formatCharactersInAnUnknownKeyNameAreReplaced() {
            ProxyConfigurationImport result = importText(configWith("\"Bad\\u202EKey\\u200BName\": 1"));

            assertThat(keys(result.warnings())).containsExactly("Bad?Key?Name");
        }

        /** A key name of exactly 100 characters is shown whole; one more is shortened. */
        @Test
        void aKeyNameOfAHundredCharactersIsShownWhole() {
            ProxyConfigurationImport result = importText(
                    configWith("\"" + "y".repeat(100) + "\": 1, \"" + "z".repeat(101) + "\": 1"));

            assertThat(keys(result.warnings())).containsExactly("y".repeat(100), "z".repeat(100) + "\u2026");
        }

    }

    // --- required parts
    // -------------------------------------------------------------------------------------------

    @Nested
    class RequiredParts {

        @Test
        void aMissingPathIsRefused() {
            String json = "{\"XksProxyAuthenticationCredential\": {\"AccessKeyId\": \"" + ACCESS_KEY_ID + "\","
                    + " \"RawSecretAccessKey\": \"" + SECRET + "\"}}";

            assertThat(refused(importText(json)))
                .containsExactly(new ImportMessage("XksProxyUriPath", "XksProxyUriPath is missing; it is required."));
        }

        @Test
        void aMissingCredentialIsRefusedAsBothPartsRequiredTogether() {
            assertThat(refused(importText("{\"XksProxyUriPath\": \"" + PATH + "\"}")))
                .containsExactly(new ImportMessage("XksProxyAuthenticationCredential",
                        "XksProxyAuthenticationCredential is missing: both credential parts are required together"
                                + " (AccessKeyId and RawSecretAccessKey)."));
        }

        @Test
        void aMissingAccessKeyIdIsRefusedAsBothPartsRequiredTogether() {
            String json = "{\"XksProxyUriPath\": \"" + PATH + "\", \"XksProxyAuthenticationCredential\":"
                    + " {\"RawSecretAccessKey\": \"" + SECRET + "\"}}";

            assertThat(refused(importText(json))).containsExactly(
                    new ImportMessage("XksProxyAuthenticationCredential.AccessKeyId", "AccessKeyId is missing from"
                            + " XksProxyAuthenticationCredential: both credential parts are required together."));
        }

        @Test
        void anEmptyCredentialObjectNamesBothParts() {
            String json = "{\"XksProxyUriPath\": \"" + PATH + "\", \"XksProxyAuthenticationCredential\": {}}";

            assertThat(keys(refused(importText(json)))).containsExactly("XksProxyAuthenticationCredential.AccessKeyId",
                    "XksProxyAuthenticationCredential.RawSecretAccessKey");
        }

        @Test
        void anEmptyOptionalValueIsLeftOutWithAWarning() {
            ProxyConfigurationImport result = importText(configWith("\"XksProxyVpcEndpointServiceName\": \"\""));

            assertThat(accepted(result).vpcEndpointServiceName()).isNull();
            assertThat(result.warnings()).containsExactly(new ImportMessage("XksProxyVpcEndpointServiceName",
                    "XksProxyVpcEndpointServiceName is empty in the file and was left out."));
        }

        @Test
        void anEmptyRequiredValueIsRefusedByItsLengthRule() {
            assertThat(refused(importText(config("", ACCESS_KEY_ID, SECRET)))).containsExactly(
                    new ImportMessage("XksProxyUriPath", "XksProxyUriPath needs 10-128 characters; it has 0."));
        }

    }

    // --- the KMS value rules, boundaries included
    // ---------------------------------------------------------------

    @Nested
    class ValueRules {

        @Test
        void secretOf42CharactersIsRefused() {
            assertThat(refused(importText(config(PATH, ACCESS_KEY_ID, secretOfLength(42)))))
                .containsExactly(new ImportMessage("XksProxyAuthenticationCredential.RawSecretAccessKey",
                        "RawSecretAccessKey needs 43-64 characters."));
        }

        @Test
        void secretOf43CharactersIsAccepted() {
            assertThat(accepted(importText(config(PATH, ACCESS_KEY_ID, secretOfLength(43)))).rawSecretAccessKey())
                .isEqualTo(secretOfLength(43));
        }

        @Test
        void secretOf64CharactersIsAccepted() {
            assertThat(accepted(importText(config(PATH, ACCESS_KEY_ID, secretOfLength(64)))).rawSecretAccessKey())
                .isEqualTo(secretOfLength(64));
        }

        @Test
        void secretOf65CharactersIsRefused() {
            assertThat(refused(importText(config(PATH, ACCESS_KEY_ID, secretOfLength(65)))))
                .extracting(ImportMessage::text)
                .containsExactly("RawSecretAccessKey needs 43-64 characters.");
        }

        @Test
        void secretWithACharacterOutsideTheAlphabetIsRefused() {
            String secret = secretOfLength(42) + "-";

            assertThat(refused(importText(config(PATH, ACCESS_KEY_ID, secret)))).extracting(ImportMessage::text)
                .containsExactly("RawSecretAccessKey allows only letters, digits, /, + and =.");
        }

        @Test
        void accessKeyIdOf19CharactersIsRefused() {
            assertThat(refused(importText(config(PATH, accessKeyIdOfLength(19), SECRET))))
                .containsExactly(new ImportMessage("XksProxyAuthenticationCredential.AccessKeyId",
                        "AccessKeyId needs 20-30 characters."));
        }

        @Test
        void accessKeyIdOf20CharactersIsAccepted() {
            assertThat(accepted(importText(config(PATH, accessKeyIdOfLength(20), SECRET))).accessKeyId())
                .isEqualTo(accessKeyIdOfLength(20));
        }

        @Test
        void accessKeyIdOf30CharactersIsAccepted() {
            assertThat(accepted(importText(config(PATH, accessKeyIdOfLength(30), SECRET))).accessKeyId())
                .isEqualTo(accessKeyIdOfLength(30));
        }

        @Test
        void accessKeyIdOf31CharactersIsRefused() {
            assertThat(refused(importText(config(PATH, accessKeyIdOfLength(31), SECRET))))
                .extracting(ImportMessage::text)
                .containsExactly("AccessKeyId needs 20-30 characters.");
        }

        @Test
        void pathOf9CharactersIsRefusedByLength() {
            assertThat(refused(importText(config("/kms/xks/", ACCESS_KEY_ID, SECRET)))).containsExactly(
                    new ImportMessage("XksProxyUriPath", "XksProxyUriPath needs 10-128 characters; it has 9."));
        }

        @Test
        void pathOf10CharactersPassesTheLengthRuleButNotTheSuffixRule() {
            assertThat(refused(importText(config("/kms/xks/v", ACCESS_KEY_ID, SECRET)))).extracting(ImportMessage::text)
                .singleElement()
                .asString()
                .startsWith("XksProxyUriPath must end in /kms/xks/v<number> (no trailing slash)");
        }

        @Test
        void pathOf128CharactersIsAccepted() {
            String path = "/" + "p".repeat(116) + "/kms/xks/v1";
            assertThat(path).hasSize(128);

            assertThat(accepted(importText(config(path, ACCESS_KEY_ID, SECRET))).uriPath()).isEqualTo(path);
        }

        @Test
        void pathOf129CharactersIsRefusedByLength() {
            String path = "/" + "p".repeat(117) + "/kms/xks/v1";

            assertThat(refused(importText(config(path, ACCESS_KEY_ID, SECRET)))).extracting(ImportMessage::text)
                .containsExactly("XksProxyUriPath needs 10-128 characters; it has 129.");
        }

        @Test
        void endpointWithAPortIsRefused() {
            assertThat(refused(importText(configWith("\"XksProxyUriEndpoint\": \"https://xks.example.com:6443\""))))
                .containsExactly(new ImportMessage("XksProxyUriEndpoint", "XksProxyUriEndpoint must be https://"
                        + " followed by a host name only: letters, digits, dots and hyphens, with no port, path or"
                        + " trailing slash."));
        }

        @Test
        void vpcEndpointServiceNameNotInTheAwsFormIsRefused() {
            assertThat(refused(importText(
                    configWith("\"XksProxyVpcEndpointServiceName\": \"com.amazonaws.vpce.us-east-1.VPCE-SVC-0A1B\""))))
                .containsExactly(new ImportMessage("XksProxyVpcEndpointServiceName",
                        "XksProxyVpcEndpointServiceName must look like com.amazonaws.vpce.<region>.vpce-svc-<id>,"
                                + " in lower case."));
        }

        @ParameterizedTest
        @ValueSource(strings = { "public_endpoint", "PUBLIC", "VPC_ENDPOINT", " PUBLIC_ENDPOINT" })
        void connectivityOtherThanTheTwoKmsValuesIsRefused(String connectivity) {
            assertThat(refused(importText(configWith("\"XksProxyConnectivity\": \"" + connectivity + "\""))))
                .containsExactly(new ImportMessage("XksProxyConnectivity",
                        "XksProxyConnectivity must be PUBLIC_ENDPOINT or VPC_ENDPOINT_SERVICE."));
        }

        @Test
        void everyBrokenValueIsReportedNotJustTheFirst() {
            String json = configWith("\"XksProxyUriEndpoint\": \"http://x.example\"").replace(SECRET, "short")
                .replace("\"" + PATH + "\"", "\"/kms/xks/v1/\"");

            assertThat(keys(refused(importText(json)))).containsExactly("XksProxyUriEndpoint", "XksProxyUriPath",
                    "XksProxyAuthenticationCredential.RawSecretAccessKey");
        }

    }

    // --- pasted text and what may be recorded
    // -----------------------------------------------------------------

    @Nested
    class SourceFacts {

        @Test
        void pastedTextIsParsedLikeAFileAndDescribedByItsUtf8Bytes() throws Exception {
            String json = config(PATH, ACCESS_KEY_ID, SECRET);

            ProxyConfigurationImport result = parser.parsePastedText(json);

            assertThat(accepted(result).rawSecretAccessKey()).isEqualTo(SECRET);
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            assertThat(result.source()).isEqualTo(new ProxyConfigurationSource(
                    ProxyConfigurationSource.Origin.PASTED_TEXT, "pasted text", utf8.length, sha256(utf8)));
        }

        @Test
        void pastedTextMessagesSpeakOfThePastedText() {
            assertThat(onlyWholeFileProblem(parser.parsePastedText("[1]")))
                .isEqualTo("The pasted text must hold one JSON object ({ ... }), but it holds an array.");
        }

        @Test
        void pastedTextWithALoneSurrogateIsRefusedAsInvalidText() {
            assertThat(onlyWholeFileProblem(parser.parsePastedText("{\"a\": \"\uD800\"}")))
                .isEqualTo("The pasted text contains characters that are not valid text.");
        }

        @Test
        void pastedTextOver64KiBInUtf8IsRefusedAlthoughShorterInCharacters() {
            String json = config(PATH, ACCESS_KEY_ID, SECRET);
            String padded = json.substring(0, json.length() - 1) + ", \"Comment\": \"" + "\u00e9".repeat(33_000)
                    + "\"}"; // 2 bytes per character in UTF-8

            assertThat(padded.length()).isLessThan(64 * 1024);
            assertThat(onlyWholeFileProblem(parser.parsePastedText(padded))).contains("at most 64 KiB");
        }

        @Test
        void theFileNameLosesDirectoriesAndControlCharacters() {
            ProxyConfigurationImport result = parser.parseUpload("C:\\Users\\op\\evil\r\nname\u202E.json", new byte[0]);

            assertThat(result.source().name()).isEqualTo("evil??name?.json");
        }

        @Test
        void aFileNameOfAtMost255CharactersIsAcceptedAndALongerOneRefusedAsSuch() {
            byte[] json = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.UTF_8);
            String longest = "\u00e9".repeat(250) + ".json"; // 255 characters, 505 bytes
                                                             // in UTF-8

            assertThat(parser.parseUpload("C:\\a-long-directory\\" + longest, json).isAccepted()).isTrue();
            assertThat(onlyWholeFileProblem(parser.parseUpload("x" + longest, json))).isEqualTo("The name of the"
                    + " chosen file is 256 characters long; a file name has at most 255 characters. Rename the file,"
                    + " then import it again.");
        }

        @Test
        void aMissingFileNameIsDescribedAsUnnamed() {
            assertThat(parser.parseUpload(null, new byte[0]).source().name()).isEqualTo("unnamed file");
        }

        /**
         * Lone surrogates and the Unicode line and paragraph separators in a file name
         * are replaced, as they could break a sentence or a log line.
         */
        @Test
        void theFileNameLosesLoneSurrogatesAndLineAndParagraphSeparators() {
            ProxyConfigurationImport result = parser.parseUpload("a\uD800b\uDC00c\u2028d\u2029e.json", new byte[0]);

            assertThat(result.source().name()).isEqualTo("a?b?c?d?e.json");
        }

        /** A name that is only a directory or only whitespace is described as unnamed. */
        @Test
        void aFileNameWithNothingLeftAfterCleaningIsDescribedAsUnnamed() {
            assertThat(parser.parseUpload("C:\\Users\\op\\", new byte[0]).source().name()).isEqualTo("unnamed file");
            assertThat(parser.parseUpload("uploads/ \u2003 ", new byte[0]).source().name()).isEqualTo("unnamed file");
        }

        /**
         * The log gets one line per import: whether it was accepted, the origin, cleaned
         * name, size, SHA-256 and the number of problems and warnings, never the content.
         */
        @Test
        void everyImportIsLoggedByItsFactsWithoutItsContent() throws Exception {
            var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(ProxyConfigurationParser.class);
            var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
            appender.start();
            logger.addAppender(appender);
            var level = logger.getLevel();
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
            try {
                byte[] good = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.UTF_8);
                parser.parseUpload("good.json", good);
                parser.parsePastedText("{\"Comment\": \"" + SECRET + "\"}");
            }
            finally {
                logger.setLevel(level);
                logger.detachAppender(appender);
            }

            byte[] good = config(PATH, ACCESS_KEY_ID, SECRET).getBytes(StandardCharsets.UTF_8);
            byte[] bad = ("{\"Comment\": \"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(appender.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "Proxy configuration import accepted: UPLOADED_FILE 'good.json', " + good.length
                                + " bytes, SHA-256 " + sha256(good) + ", 0 problem(s), 0 warning(s)",
                        "Proxy configuration import refused: PASTED_TEXT 'pasted text', " + bad.length
                                + " bytes, SHA-256 " + sha256(bad) + ", 1 problem(s), 1 warning(s)");
        }

    }

    // --- the credential never leaks
    // -----------------------------------------------------------------------------

    @Nested
    class NoLeaks {

        private static final String LEAKY_SECRET = "LeakCanary0LeakCanary0LeakCanary0LeakCanary0";

        private static final String LEAKY_KEY_ID = "CANARYKEYIDCANARYKEY";

        private List<String> everythingSaidAbout(String json) {
            ProxyConfigurationImport upload = importText(json);
            ProxyConfigurationImport pasted = parser.parsePastedText(json);
            return Stream.of(upload, pasted)
                .flatMap(result -> Stream.concat(
                        Stream.of(result.toString(), String.valueOf(result.values().map(Object::toString))),
                        Stream.concat(result.problems().stream(), result.warnings().stream())
                            .flatMap(message -> Stream.of(message.text(), String.valueOf(message.key()),
                                    message.toString()))))
                .toList();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                // accepted
                "{\"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\":"
                        + " \"CANARYKEYIDCANARYKEY\", \"RawSecretAccessKey\": \"LeakCanary0LeakCanary0LeakCanary0LeakCanary0\"}}",
                // refused by value rules: secret too long, access key id with a bad
                // character
                "{\"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\":"
                        + " \"CANARYKEYIDCANARYKEY1\", \"RawSecretAccessKey\": \"LeakCanary0LeakCanary0LeakCanary0LeakCanary0LeakCanary0LeakCanary0\"}}",
                // secret with a bad character
                "{\"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\":"
                        + " \"CANARYKEYIDCANARYKEY\", \"RawSecretAccessKey\": \"LeakCanary0LeakCanary0LeakCanary0LeakCanary0!\"}}",
                // secret and key id unquoted: Jackson's own message would quote the token
                "{\"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\":"
                        + " CANARYKEYIDCANARYKEY, \"RawSecretAccessKey\": LeakCanary0LeakCanary0LeakCanary0LeakCanary0}}",
                "{\"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\":"
                        + " \"CANARYKEYIDCANARYKEY\", \"RawSecretAccessKey\": LeakCanary0LeakCanary0LeakCanary0LeakCanary0}}",
                // the secret as a key name, as trailing content, and inside an
                // unterminated string
                "{\"LeakCanary0LeakCanary0LeakCanary0LeakCanary0\": \"CANARYKEYIDCANARYKEY\"}",
                "{\"XksProxyUriPath\": \"/kms/xks/v1\"} LeakCanary0LeakCanary0LeakCanary0LeakCanary0 CANARYKEYIDCANARYKEY",
                "{\"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\":"
                        + " \"CANARYKEYIDCANARYKEY\", \"RawSecretAccessKey\": \"LeakCanary0LeakCanary0LeakCanary0LeakCanary0",
                // the credential where a string is expected elsewhere
                "{\"XksProxyUriPath\": [\"LeakCanary0LeakCanary0LeakCanary0LeakCanary0\", \"CANARYKEYIDCANARYKEY\"]}" })
        void noMessageOrToStringContainsTheSecretOrTheAccessKeyId(String json) {
            assertThat(everythingSaidAbout(json)).allSatisfy(text -> assertThat(text).doesNotContain(LEAKY_SECRET)
                .doesNotContain("LeakCanary0")
                .doesNotContain(LEAKY_KEY_ID));
        }

        @Test
        void theAcceptedValuesToStringRedactsBothCredentialParts() {
            ProxyConfigurationValues values = accepted(importText(config(PATH, LEAKY_KEY_ID, LEAKY_SECRET)));

            assertThat(values.toString()).contains(PATH)
                .contains("<redacted>")
                .doesNotContain(LEAKY_SECRET)
                .doesNotContain(LEAKY_KEY_ID);
            assertThat(new XksProxyCredential(values.accessKeyId(), values.rawSecretAccessKey()).toString())
                .doesNotContain(LEAKY_SECRET);
        }

    }

}
