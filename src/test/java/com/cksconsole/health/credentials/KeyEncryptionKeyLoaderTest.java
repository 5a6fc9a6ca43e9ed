package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the key-encryption keys come from: configuration, or sandbox mode's own file. */
class KeyEncryptionKeyLoaderTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path directory;

    HealthCredentialsProperties properties(String key, String id, Map<String, String> previous) {
        return new HealthCredentialsProperties(key, id, previous, directory, "", "", List.of(), false);
    }

    /** A stand-in for a KMS key: the loader only decides which keys there are. */
    static final KeyEncryptionKeyLoader.KmsKeks KMS = keyId -> MonitoringCredentialsTest.kek("kms-" + keyId);

    @Test
    void aKmsKeyBecomesTheCurrentKekAndTheConfiguredAesKeyOnlyDecryptsRowsNotYetRotated() {
        var properties = new HealthCredentialsProperties(KEY, "kek-2026", Map.of("kek-2025", KEY.replace('A', 'B')),
                directory, "alias/console-kek", "", List.of("old-key"), false);

        var keys = KeyEncryptionKeyLoader.load(properties, true, KMS);

        assertThat(keys.current().id()).isEqualTo("kms-alias/console-kek");
        assertThat(keys.previous()).extracting(kek -> kek.id()).containsExactly("kek-2026", "kek-2025", "kms-old-key");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void awsModeWithAKmsKeyNeedsNoAesKey() {
        var properties = new HealthCredentialsProperties(null, "", Map.of(), directory, "alias/console-kek", "",
                List.of(), false);

        var keys = KeyEncryptionKeyLoader.load(properties, true, KMS);

        assertThat(keys.current().id()).isEqualTo("kms-alias/console-kek");
        assertThat(keys.previous()).isEmpty();
    }

    @Test
    void withoutAKmsKeyTheAesKeyStaysCurrent() {
        var keys = KeyEncryptionKeyLoader.load(properties(KEY, "kek-2026", Map.of()), true, KMS);

        assertThat(keys.current().id()).isEqualTo("kek-2026");
    }

    @Test
    void awsModeWithoutAKekIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> KeyEncryptionKeyLoader.load(properties(null, "", Map.of()), true))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("console.health.credentials.key-encryption-key is required in aws mode");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void sandboxModeGeneratesOneKekIntoAnOwnerOnlyFileAndKeepsUsingIt() throws IOException {
        var first = KeyEncryptionKeyLoader.load(properties(null, "", Map.of()), false);
        var second = KeyEncryptionKeyLoader.load(properties(null, "", Map.of()), false);

        Path file = directory.resolve(KeyEncryptionKeyLoader.KEK_FILE);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(second.current().id()).isEqualTo(first.current().id()).startsWith("sha256-");
    }

    @Test
    void aConfiguredKekIsUsedWithItsIdAndTheFileIsNotCreated() {
        var keys = KeyEncryptionKeyLoader.load(properties(KEY, "kek-2026", Map.of("kek-2025", KEY.replace('A', 'B'))),
                true);

        assertThat(keys.current().id()).isEqualTo("kek-2026");
        assertThat(keys.find("kek-2025")).isPresent();
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void aKekThatIsNot32BytesIsRefusedWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());

        assertThatThrownBy(() -> KeyEncryptionKeyLoader.load(properties(shortKey, "", Map.of()), true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Base64 of 32 bytes")
            .hasMessageNotContaining(shortKey);
    }

    @Test
    void aPreviousKekThatIsNotBase64NamesItsProperty() {
        assertThatThrownBy(() -> KeyEncryptionKeyLoader.load(properties(KEY, "", Map.of("old", "not base64!")), true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("console.health.credentials.previous-key-encryption-keys.old is not Base64");
    }

    @Test
    void theToStringOfThePropertiesHidesTheKeys() {
        assertThat(properties(KEY, "kek-1", Map.of("old", KEY)).toString()).doesNotContain(KEY).contains("old");
    }

}
