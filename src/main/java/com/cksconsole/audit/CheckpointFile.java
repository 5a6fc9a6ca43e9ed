package com.cksconsole.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The append-only file of signed checkpoints, one JSON line each
 * ({@code console.audit.checkpoint-file}). The console only ever appends to it (and
 * forces each line to disk); put it where the database login cannot write, ideally on
 * write-once storage or with the append-only attribute ({@code chattr +a}).
 */
class CheckpointFile {

    /**
     * How much of the file's end is read to find the last line (a checkpoint line is
     * about 500 bytes).
     */
    private static final int TAIL = 16 * 1024;

    private final Path file;

    CheckpointFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Appends one line and forces it to disk before returning. */
    synchronized void append(Checkpoint checkpoint) {
        try {
            var parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                var bytes = ByteBuffer.wrap((checkpoint.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("The checkpoint could not be written to " + file.toAbsolutePath(), e);
        }
    }

    /**
     * The last checkpoint of the file; empty when there is none yet.
     * @throws UncheckedIOException the file exists but cannot be read
     * @throws IllegalArgumentException its last line is not a checkpoint
     */
    Optional<Checkpoint> latest() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (var in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, TAIL);
            byte[] tail = new byte[size];
            in.seek(length - size);
            in.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8).stripTrailing();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Checkpoint.parse(text.substring(text.lastIndexOf('\n') + 1)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("The checkpoint file " + file.toAbsolutePath() + " cannot be read", e);
        }
    }

}
