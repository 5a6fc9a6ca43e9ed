package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated key is kept once, whole, readable by its owner only, and every instance
 * starting at the same moment on the same key directory gets that same key.
 */
class OwnerOnlyKeyFileTest {

    @TempDir
    Path directory;

    @Test
    void aKeyIsGeneratedOnceAndReadBackAfterwards() throws Exception {
        Path file = directory.resolve("keys/chain.key");

        String first = OwnerOnlyKeyFile.loadOrCreate(file, "console.audit.chain-key", () -> "generated-once");
        String again = OwnerOnlyKeyFile.loadOrCreate(file, "console.audit.chain-key", () -> "generated-twice");

        assertThat(first).isEqualTo("generated-once");
        assertThat(again).isEqualTo("generated-once");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void startsAtTheSameMomentAllGetTheSameWholeKey() throws Exception {
        Path file = directory.resolve("chain.key");
        int starts = 16;
        var ready = new CountDownLatch(starts);
        var generated = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(starts);
        try {
            var results = new ArrayList<Future<String>>();
            for (int i = 0; i < starts; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return OwnerOnlyKeyFile.loadOrCreate(file, "console.audit.chain-key",
                            () -> "key-" + generated.incrementAndGet() + "-" + "x".repeat(40));
                }));
            }
            var keys = new HashSet<String>();
            for (var result : results) {
                keys.add(result.get());
            }
            assertThat(keys).singleElement().satisfies(key -> assertThat(key).matches("key-\\d+-x{40}"));
            assertThat(Files.readString(file)).isEqualTo(keys.iterator().next());
        }
        finally {
            pool.shutdownNow();
        }
    }

}
