package com.cksconsole.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Every action the audit log knows, collected from the features' {@link AuditVocabulary}
 * providers: the audit page's action filter offers them and refuses any other value, and
 * the pages show their labels. A stored name this version does not know (written by a
 * later one) is shown as it is.
 */
public final class AuditActions {

    private static final Map<String, AuditAction> KNOWN = index(
            ServiceLoader.load(AuditVocabulary.class, AuditActions.class.getClassLoader())
                .stream()
                .map(ServiceLoader.Provider::get)
                .toList());

    private AuditActions() {
    }

    /** Every known action, in the order the vocabularies list them. */
    public static List<AuditAction> all() {
        return List.copyOf(KNOWN.values());
    }

    /** The action stored under {@code name}, if this version knows it. */
    public static Optional<AuditAction> find(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /** The label of a stored action name; an unknown name is shown as it is. */
    public static String labelOf(String name) {
        return find(name).map(AuditAction::label).orElse(name);
    }

    /**
     * The actions of all vocabularies by stored name.
     * @throws IllegalStateException when two actions share a name: their rows could not
     * be told apart
     */
    static Map<String, AuditAction> index(Collection<? extends AuditVocabulary> vocabularies) {
        var byName = new LinkedHashMap<String, AuditAction>();
        var duplicates = new TreeSet<String>();
        for (var vocabulary : vocabularies) {
            for (AuditAction action : vocabulary.actions()) {
                if (byName.putIfAbsent(action.name(), action) != null) {
                    duplicates.add(action.name());
                }
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException("Audit action names used by more than one feature: " + duplicates);
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

}
