package com.cksconsole.audit.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditActions;
import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditTargetValues;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.view.QueryLinks;

/**
 * The search form of the audit log, as query parameters (a search is a GET: it can be
 * bookmarked and shared). Times are UTC, as {@code datetime-local} inputs send them
 * ({@code 2026-11-28T13:59}, seconds optional).
 *
 * @param before the keyset cursor: entries older than this seq
 */
record AuditFilterForm(@Nullable String from, @Nullable String to, @Nullable String actor, @Nullable String action,
        @Nullable String store, @Nullable String outcome, @Nullable String account, @Nullable String region,
        @Nullable String before) {

    /**
     * A parsed form: the filter, or the reasons it could not be read.
     *
     * @param fieldErrors by form field ({@code from}, {@code to}, {@code action},
     * {@code outcome}, {@code account}, {@code region}); the page cursor's problem is
     * under {@code before}
     */
    record Parsed(AuditFilter filter, @Nullable Long before, Map<String, String> fieldErrors) {

        List<String> errors() {
            return List.copyOf(fieldErrors.values());
        }
    }

    /**
     * Reads the search.
     * @param known the accounts and Regions the log's events name: the only ones the
     * search offers and accepts
     */
    Parsed parse(AuditTargetValues known) {
        var errors = new LinkedHashMap<String, String>();
        Instant fromTime = time(from, "from", "From", errors);
        Instant toTime = time(to, "to", "To", errors);
        AuditAction parsedAction = null;
        if (present(action)) {
            parsedAction = AuditActions.find(action).orElse(null);
            if (parsedAction == null) {
                errors.put("action",
                        "“" + quoted(action) + "” is not an action of the audit log. Choose one from " + "the list.");
            }
        }
        AuditOutcome parsedOutcome = null;
        if (present(outcome)) {
            try {
                parsedOutcome = AuditOutcome.valueOf(outcome);
            }
            catch (IllegalArgumentException e) {
                errors.put("outcome", "“" + quoted(outcome) + "” is not an outcome. Choose one from the list.");
            }
        }
        String parsedAccount = null;
        if (present(account)) {
            if (!KmsTarget.isAccountId(account)) {
                errors.put("account", "“" + quoted(account) + "” is not an AWS account ID (12 digits). Choose one "
                        + "from the list.");
            }
            else if (!known.accounts().contains(account)) {
                errors.put("account", "No audit event names the account " + account + ". Choose one from the list.");
            }
            else {
                parsedAccount = account;
            }
        }
        String parsedRegion = null;
        if (present(region)) {
            if (!KmsTarget.isRegion(region)) {
                errors.put("region",
                        "“" + quoted(region) + "” is not the name of an AWS Region. Choose one from the " + "list.");
            }
            else if (!known.regions().contains(region)) {
                errors.put("region", "No audit event names the Region " + region + ". Choose one from the list.");
            }
            else {
                parsedRegion = region;
            }
        }
        Long cursor = null;
        if (present(before)) {
            try {
                cursor = Long.parseLong(before);
            }
            catch (NumberFormatException e) {
                errors.put("before", "The page link is not valid; start again from the newest entries.");
            }
        }
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            errors.put("to", "'From' must be earlier than 'To'.");
        }
        var filter = new AuditFilter(fromTime, toTime, actor, parsedAction, store, parsedOutcome, parsedAccount,
                parsedRegion);
        return new Parsed(filter, cursor, errors);
    }

    /** The query string of this search without the page cursor, e.g. for export links. */
    String filterQuery() {
        return QueryLinks.query(parameters());
    }

    /** The URL of the page before {@code cursor} for this search. */
    String pageUrl(String path, long cursor) {
        var parameters = parameters();
        parameters.put("before", Long.toString(cursor));
        return QueryLinks.to(path, parameters);
    }

    String url(String path) {
        return QueryLinks.to(path, parameters());
    }

    /**
     * The search's values by parameter name; {@link QueryLinks} leaves out the blank
     * ones.
     */
    private Map<String, @Nullable String> parameters() {
        Map<String, @Nullable String> parameters = new LinkedHashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("actor", actor);
        parameters.put("action", action);
        parameters.put("store", store);
        parameters.put("outcome", outcome);
        parameters.put("account", account);
        parameters.put("region", region);
        return parameters;
    }

    private static @Nullable Instant time(@Nullable String text, String field, String label,
            Map<String, String> errors) {
        if (!present(text)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            errors.put(field, "'" + label + "' must be a date and time such as 2026-11-28T13:59.");
            return null;
        }
    }

    /** A refused value as the message quotes it: at most 40 characters. */
    private static String quoted(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    @Contract("null -> false")
    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
