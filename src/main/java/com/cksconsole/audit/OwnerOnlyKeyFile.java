package com.cksconsole.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key the console generated for itself (sandbox mode without a configured key), kept in
 * a file readable by the console's OS user only, outside the database: a key stored next
 * to what it protects (the audit chain, the monitoring credentials) would protect
 * nothing. Production configures its keys instead (aws mode requires it). Public for the
 * health module's key-encryption key, so that both keep their keys one way.
 */
public final class OwnerOnlyKeyFile {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyKeyFile.class);

    private OwnerOnlyKeyFile() {
    }

    /**
     * The content of {@code file}, or {@code generate}'s result written to it (owner
     * read/write only) when it does not exist yet.
     */
    public static String loadOrCreate(Path file, String property, Supplier<String> generate) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String value = generate.get();
            // Written whole to a file of its own, then linked under the key's name, which
            // fails if another instance starting at the same moment linked its key first:
            // then that key is read, never a half-written file.
            Path written = Files.createTempFile(file.toAbsolutePath().getParent(), ".key-", ".tmp", ownerOnly(file));
            try {
                Files.write(written, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
                Files.createLink(file, written);
            }
            catch (FileAlreadyExistsException anotherStartWasFirst) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            finally {
                Files.deleteIfExists(written);
            }
            log.warn("Generated {} and kept it in {} (owner-only permissions; sandbox mode). Production must set {}.",
                    property, file.toAbsolutePath(), property);
            return value;
        }
        catch (IOException e) {
            throw new UncheckedIOException(
                    "The key file " + file.toAbsolutePath() + " for " + property + " could not be read or created", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
        }
        return new FileAttribute<?>[0];
    }

}
