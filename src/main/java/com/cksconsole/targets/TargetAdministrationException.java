package com.cksconsole.targets;

import java.util.List;

/** A target change the console refused, with the problems next to their fields. */
public class TargetAdministrationException extends RuntimeException {

    private final List<TargetRules.Problem> problems;

    public TargetAdministrationException(List<TargetRules.Problem> problems) {
        super(problems.isEmpty() ? "refused" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<TargetRules.Problem> problems() {
        return problems;
    }

}
