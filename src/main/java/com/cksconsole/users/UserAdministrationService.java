package com.cksconsole.users;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.security.accounts.PasswordHashes;
import com.cksconsole.security.accounts.PasswordPolicy;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UnknownUserException;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.users.UserAdministrationException.Problem;

/**
 * What an ADMIN may do to console users: create, disable, re-enable, reset a password
 * (the user must change it at the next sign-in), change roles. The last enabled ADMIN can
 * be neither disabled nor demoted: the check locks the administrators' rows in the
 * database, so it holds across concurrent requests and instances. Every change is
 * recorded in the audit log in the same transaction: both commit, or neither.
 */
@Service
class UserAdministrationService {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    static final String USERNAME_RULE = "3 to 64 characters: lower-case letters, digits, dot, dash and underscore; starting with a letter or digit.";

    private static final String DUPLICATE_NAME = "A user with this name already exists.";

    private static final String NO_ROLE = "Choose at least one role.";

    private final UserAccountRepository users;

    private final PasswordEncoder passwordEncoder;

    private final PasswordPolicy passwordPolicy;

    private final AuditTrail audit;

    UserAdministrationService(UserAccountRepository users, PasswordEncoder passwordEncoder,
            PasswordPolicy passwordPolicy, AuditTrail audit) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.audit = audit;
    }

    List<UserAccount> all() {
        return users.findAll();
    }

    UserAccount get(String username) {
        return users.findByUsername(username).orElseThrow(() -> new UnknownUserException(username));
    }

    @Transactional
    void create(String username, Set<Role> roles, String initialPassword) {
        // Every broken rule at once, so that the administrator fixes the form in one go.
        var problems = new ArrayList<Problem>();
        if (!USERNAME.matcher(username).matches()) {
            problems.add(new Problem("username", "Use " + USERNAME_RULE));
        }
        else if (users.findByUsername(username).isPresent()) {
            problems.add(new Problem("username", DUPLICATE_NAME));
        }
        if (roles.isEmpty()) {
            problems.add(new Problem("roles", NO_ROLE));
        }
        passwordProblems(username, initialPassword).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new UserAdministrationException(problems);
        }
        try {
            users.insert(new UserAccount(username, PasswordHashes.hash(passwordEncoder, initialPassword), roles, true,
                    true));
        }
        catch (DuplicateKeyException e) {
            throw new UserAdministrationException("username", DUPLICATE_NAME);
        }
        record(AuditIntent.of(UserAuditAction.CREATE_USER, AuditTarget.none())
            .value("user", username)
            .value("roles", names(roles)));
    }

    @Transactional
    void changeRoles(String username, Set<Role> roles) {
        var account = get(username);
        requireRoles(roles);
        if (account.enabled() && account.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            requireAnotherAdministrator(username, "demoted");
        }
        users.setRoles(username, roles);
        record(AuditIntent.of(UserAuditAction.CHANGE_USER_ROLES, AuditTarget.none())
            .value("user", username)
            .changed("roles", names(account.roles()), names(roles)));
    }

    @Transactional
    void disable(String username) {
        var account = get(username);
        if (account.enabled() && account.roles().contains(Role.ADMIN)) {
            requireAnotherAdministrator(username, "disabled");
        }
        users.setEnabled(username, false);
        record(AuditIntent.of(UserAuditAction.DISABLE_USER, AuditTarget.none()).value("user", username));
    }

    @Transactional
    void enable(String username) {
        get(username);
        users.setEnabled(username, true);
        record(AuditIntent.of(UserAuditAction.ENABLE_USER, AuditTarget.none()).value("user", username));
    }

    @Transactional
    void resetPassword(String username, String newPassword) {
        get(username);
        checkPassword(username, newPassword);
        users.resetPassword(username, PasswordHashes.hash(passwordEncoder, newPassword));
        record(AuditIntent.of(UserAuditAction.RESET_USER_PASSWORD, AuditTarget.none()).value("user", username));
    }

    /**
     * Joins the change's transaction: if the event cannot be written, the change rolls
     * back (fail closed).
     */
    private void record(AuditIntent.Builder intent) {
        audit.record(intent.build(), AuditResult.succeeded());
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private void requireAnotherAdministrator(String username, String change) {
        boolean anotherAdministrator = users.lockEnabledAdministrators()
            .stream()
            .anyMatch(admin -> !admin.equals(username));
        if (!anotherAdministrator) {
            throw new UserAdministrationException(null,
                    "'" + username + "' is the last enabled administrator and cannot be " + change
                            + ". Give another enabled user the ADMIN role first.");
        }
    }

    private static void requireRoles(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new UserAdministrationException("roles", NO_ROLE);
        }
    }

    private void checkPassword(String username, String password) {
        var problems = passwordProblems(username, password);
        if (!problems.isEmpty()) {
            throw new UserAdministrationException(problems);
        }
    }

    private List<Problem> passwordProblems(String username, String password) {
        return passwordPolicy.violations(username, password)
            .stream()
            .map(reason -> new Problem("password", reason))
            .toList();
    }

    /** Every role, in the order the pages list them. */
    static Set<Role> allRoles() {
        return EnumSet.allOf(Role.class);
    }

}
