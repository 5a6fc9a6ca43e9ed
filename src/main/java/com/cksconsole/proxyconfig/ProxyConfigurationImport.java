package com.cksconsole.proxyconfig;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of importing one proxy configuration file or pasted text: {@link Accepted}
 * with the values to prefill, or {@link Refused} with the reasons. Both carry the
 * warnings (ignored keys) and the {@link ProxyConfigurationSource} facts that may be
 * recorded. No secret appears in {@code toString()}.
 */
public sealed interface ProxyConfigurationImport
        permits ProxyConfigurationImport.Accepted, ProxyConfigurationImport.Refused {

    ProxyConfigurationSource source();

    /**
     * Keys that were ignored (unknown, or spelled with different case), one message each.
     */
    List<ImportMessage> warnings();

    /** Why the input was refused, in document order; empty when accepted. */
    List<ImportMessage> problems();

    /** The checked values; present exactly when accepted. */
    Optional<ProxyConfigurationValues> values();

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /**
     * The file's values are all acceptable; the operator may still change them before
     * review.
     */
    record Accepted(ProxyConfigurationValues acceptedValues, List<ImportMessage> warnings,
            ProxyConfigurationSource source) implements ProxyConfigurationImport {

        public Accepted {
            warnings = List.copyOf(warnings);
        }

        @Override
        public List<ImportMessage> problems() {
            return List.of();
        }

        @Override
        public Optional<ProxyConfigurationValues> values() {
            return Optional.of(acceptedValues);
        }

        // Spelled out although the values redact themselves: this record must never print
        // the credential.
        @Override
        public String toString() {
            return "Accepted[values=" + acceptedValues + ", warnings=" + warnings + ", source=" + source + "]";
        }
    }

    /** Nothing from the input may be used; {@code problems} is never empty. */
    record Refused(List<ImportMessage> problems, List<ImportMessage> warnings,
            ProxyConfigurationSource source) implements ProxyConfigurationImport {

        public Refused {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs at least one reason");
            }
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        @Override
        public Optional<ProxyConfigurationValues> values() {
            return Optional.empty();
        }
    }

}
