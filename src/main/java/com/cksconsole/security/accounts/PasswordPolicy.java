package com.cksconsole.security.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The rules every console password must meet (OWASP ASVS 2.1): at least 12 characters, at
 * most 128, not the user name, not one of the common passwords shipped with the console.
 */
@Component
public class PasswordPolicy {

    private static final int MIN_LENGTH = 12;

    private static final int MAX_LENGTH = 128;

    public static final String HINT = "At least " + MIN_LENGTH
            + " characters, not your user name, not a common password.";

    private static final String COMMON_PASSWORDS = "security/common-passwords.txt";

    private final Set<String> commonPasswords;

    PasswordPolicy() {
        this.commonPasswords = load();
    }

    /**
     * Every reason the password is refused, so that a form can show them all at once;
     * empty when acceptable.
     */
    public List<String> violations(String username, String password) {
        var reasons = new ArrayList<String>();
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            reasons.add("Use at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            reasons.add("Use at most " + MAX_LENGTH + " characters.");
        }
        if (!username.isEmpty() && password.equalsIgnoreCase(username)) {
            reasons.add("The password must not be your user name.");
        }
        if (commonPasswords.contains(password.toLowerCase(Locale.ROOT))) {
            reasons.add("This password is too common. Choose one that is not on lists of popular passwords.");
        }
        return List.copyOf(reasons);
    }

    private static Set<String> load() {
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(COMMON_PASSWORDS).getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        }
        catch (IOException e) {
            throw new UncheckedIOException("The common password list is missing from the application", e);
        }
    }

}
