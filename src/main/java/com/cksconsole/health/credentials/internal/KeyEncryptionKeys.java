package com.cksconsole.health.credentials.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current KEK, which encrypts every new data key, and the previous ones, which only
 * decrypt rows a rotation has not reached yet.
 */
public record KeyEncryptionKeys(Kek current, List<Kek> previous) {

    public KeyEncryptionKeys {
        previous = List.copyOf(previous);
        Map<String, Kek> byId = new LinkedHashMap<>();
        byId.put(current.id(), current);
        for (Kek key : previous) {
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("Two key-encryption keys have the ID " + key.id());
            }
        }
    }

    /** The KEK with this ID, the current one or a previous one. */
    public Optional<Kek> find(String id) {
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous.stream().filter(key -> key.id().equals(id)).findFirst();
    }

}
