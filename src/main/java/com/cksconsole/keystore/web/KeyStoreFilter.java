package com.cksconsole.keystore.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.targets.Target;
import com.cksconsole.view.QueryLinks;

/**
 * The list page's filter, from GET query parameters (so it works without JavaScript): the
 * target ({@value #ALL_TARGETS} or a target's name), the account and the Region, part of
 * the name (case-insensitive), type and connection state. Empty values filter nothing; a
 * target, account, Region, type or state the form does not offer is refused
 * ({@link #problems(List)}), so the page never shows "Any state" while filtering on
 * something else.
 */
record KeyStoreFilter(@Nullable String target, @Nullable String account, @Nullable String region, @Nullable String name,
        @Nullable String type, @Nullable String state) {

    /**
     * The filter of a list's query. Read from the query's six names directly: binding a
     * record through the data binder cost the list page more than its filtering.
     */
    static KeyStoreFilter of(Map<String, String> query) {
        return new KeyStoreFilter(query.get("target"), query.get("account"), query.get("region"), query.get("name"),
                query.get("type"), query.get("state"));
    }

    /** The chooser's value for every usable target. */
    static final String ALL_TARGETS = "all";

    /** The connection states the form offers (UNKNOWN is no state KMS documents). */
    static final List<ConnectionState> STATES = List.of(ConnectionState.CONNECTED, ConnectionState.CONNECTING,
            ConnectionState.FAILED, ConnectionState.DISCONNECTED, ConnectionState.DISCONNECTING);

    /** A refused value is quoted back at most this long. */
    private static final int QUOTED = 40;

    /**
     * Why the filter cannot be applied, by field; empty when it can.
     * @param usable the targets the console uses (a target, account or Region of none of
     * them is refused)
     */
    Map<String, String> problems(List<Target> usable) {
        var problems = new LinkedHashMap<String, String>();
        if (present(target) && !ALL_TARGETS.equals(target)
                && usable.stream().noneMatch(t -> t.name().value().equals(target))) {
            problems.put("target",
                    "“" + quoted(target) + "” is not a target of the console. Choose one from the list.");
        }
        if (present(account) && usable.stream().noneMatch(t -> t.accountId().equals(account))) {
            problems.put("account",
                    "“" + quoted(account) + "” is not the account of a target. Choose one from the list.");
        }
        if (present(region) && usable.stream().noneMatch(t -> t.region().equals(region))) {
            problems.put("region", "“" + quoted(region) + "” is not the Region of a target. Choose one from the list.");
        }
        if (present(type) && Arrays.stream(KeyStoreType.values()).noneMatch(t -> t.name().equals(type))) {
            problems.put("type", "“" + quoted(type) + "” is not a key store type. Choose one from the list.");
        }
        if (present(state) && STATES.stream().noneMatch(s -> s.name().equals(state))) {
            problems.put("state", "“" + quoted(state) + "” is not a connection state. Choose one from the list.");
        }
        return problems;
    }

    /**
     * This filter on the list of one target: the target, its account and its Region are
     * the URL's, so the query's values for them are dropped.
     */
    KeyStoreFilter withinOneTarget() {
        return new KeyStoreFilter(null, null, null, name, type, state);
    }

    /** The targets this filter keeps of those in scope (account and Region). */
    boolean keeps(Target candidate) {
        return (!present(account) || candidate.accountId().equals(account))
                && (!present(region) || candidate.region().equals(region));
    }

    List<ListedStore> apply(List<ListedStore> stores) {
        String namePart = present(name) ? name.strip().toLowerCase(Locale.ROOT) : null;
        return stores.stream()
            .filter(listed -> keeps(listed.target()))
            .filter(listed -> namePart == null || listed.store().name().toLowerCase(Locale.ROOT).contains(namePart))
            .filter(listed -> !present(type)
                    || (listed.store().type() != null && listed.store().type().name().equals(type)))
            .filter(listed -> !present(state) || listed.store().connectionState().name().equals(state))
            .toList();
    }

    /**
     * The list with this filter, for links that show it again (the retry after a KMS
     * failure).
     */
    public String url() {
        return url(KeyStoreListController.PATH);
    }

    /** The list at {@code path} with this filter. */
    public String url(String path) {
        var parameters = new LinkedHashMap<String, @Nullable String>();
        if (KeyStoreListController.PATH.equals(path) && !ALL_TARGETS.equals(target)) {
            // "All targets" is what the list shows without a choice.
            parameters.put("target", target);
        }
        parameters.put("account", account);
        parameters.put("region", region);
        parameters.put("name", name);
        parameters.put("type", type);
        parameters.put("state", state);
        return QueryLinks.to(path, parameters);
    }

    /**
     * Whether anything but the target narrows the list (the target is the header's
     * choice).
     */
    public boolean isActive() {
        return present(account) || present(region) || present(name) || present(type) || present(state);
    }

    @Contract("null -> false")
    static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static String quoted(String value) {
        return value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "…";
    }
}
