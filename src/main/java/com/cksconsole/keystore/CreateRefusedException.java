package com.cksconsole.keystore;

import java.util.List;

/**
 * The console did not send CreateCustomKeyStore: a rule of KMS would refuse it (checked
 * against a fresh Describe of the account and Region), or the XKS pre-flight check
 * neither passed nor was overridden. Nothing was sent; the refusal is in the audit log.
 */
public class CreateRefusedException extends RuntimeException {

    private final transient List<CreateProblem> problems;

    public CreateRefusedException(List<CreateProblem> problems) {
        super("CreateCustomKeyStore not sent: " + problems.size() + " problem(s)");
        this.problems = List.copyOf(problems);
    }

    public List<CreateProblem> problems() {
        return problems;
    }

}
