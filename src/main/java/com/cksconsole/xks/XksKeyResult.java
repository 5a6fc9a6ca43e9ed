package com.cksconsole.xks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Outcome of one key operation (GetKeyMetadata, Encrypt or Decrypt). */
public sealed interface XksKeyResult<T> {

    /** How long the call took, measured by the caller. */
    Duration latency();

    /**
     * A 200 answer that passed every check KMS makes. A {@code byte[]} value (Decrypt's
     * plaintext) never appears in toString and is compared by content.
     */
    record Ok<T>(T value, Duration latency) implements XksKeyResult<T> {

        @Override
        public boolean equals(Object other) {
            return other instanceof Ok<?> that && Objects.deepEquals(value, that.value) && latency.equals(that.latency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode(), latency);
        }

        @Override
        public String toString() {
            String shown = value instanceof byte[] bytes ? XksBytes.describe(bytes) : value.toString();
            return "Ok[value=" + shown + ", latency=" + latency + "]";
        }

    }

    /**
     * Anything else.
     *
     * @param httpStatus the proxy's HTTP status, when it answered at all
     * @param proxyErrorName the proxy's {@code errorName}, when its error body had one
     */
    record Failed<T>(XksKeyFailureKind kind, @Nullable Integer httpStatus, @Nullable String proxyErrorName,
            Duration latency) implements XksKeyResult<T> {
    }

}
