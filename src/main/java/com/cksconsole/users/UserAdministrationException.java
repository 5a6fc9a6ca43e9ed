package com.cksconsole.users;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A user administration request the rules refuse; the message is written for the
 * administrator. It carries every rule the request breaks, so that a form shows them all
 * at once.
 */
class UserAdministrationException extends RuntimeException {

    private final List<Problem> problems;

    UserAdministrationException(@Nullable String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    /**
     * @param problems at least one
     */
    UserAdministrationException(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining(" ")));
        this.problems = List.copyOf(problems);
    }

    /** Every broken rule, in the order of the form's fields. */
    List<Problem> problems() {
        return problems;
    }

    /**
     * One broken rule.
     *
     * @param field the form field it concerns, or null for the whole request
     */
    record Problem(@Nullable String field, String message) {
    }

}
