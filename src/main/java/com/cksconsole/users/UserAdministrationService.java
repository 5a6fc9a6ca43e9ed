package com.cksconsole.users;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
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
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UnknownUserException;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.Targets;
import com.cksconsole.users.UserAdministrationException.Problem;

/**
 * What an ADMIN may do to console users: create, disable, re-enable, reset a password
 * (the user must change it at the next sign-in), change roles, give and take away roles
 * on single targets (grants). A user holds at least one global role or one grant: a user
 * with neither could sign in to see nothing at all, which is never what an administrator
 * means, so the change that would leave them so is refused with what to do instead. The
 * last enabled ADMIN can be neither disabled nor demoted: the check locks the
 * administrators' rows in the database, so it holds across concurrent requests and
 * instances. Every change is recorded in the audit log in the same transaction: both
 * commit, or neither.
 */
@Service
class UserAdministrationService {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    static final String USERNAME_RULE = "3 to 64 characters: lower-case letters, digits, dot, dash and underscore; starting with a letter or digit.";

    private static final String DUPLICATE_NAME = "A user with this name already exists.";

    /**
     * Names whose user page ({@code /users/<name>}) would be another page of the console:
     * such a user could never be opened.
     */
    static final Set<String> RESERVED_NAMES = Set.of("new", "group-mappings");

    private static final String NO_ROLE_NOR_GRANT = "Choose at least one role, or a role on a target.";

    private static final String NO_ROLE_LEFT = "Choose at least one role: this user has no role on any target "
            + "either, and a user without any right could see nothing. Give a target grant first to leave "
            + "them with target roles only.";

    private static final String CHOOSE_TARGET = "Choose a target.";

    private static final String CHOOSE_TARGET_ROLE = "Choose VIEWER or OPERATOR.";

    private final UserAccountRepository users;

    private final TargetGrantRepository grants;

    private final Targets targets;

    private final PasswordEncoder passwordEncoder;

    private final PasswordPolicy passwordPolicy;

    private final AuditTrail audit;

    UserAdministrationService(UserAccountRepository users, TargetGrantRepository grants, Targets targets,
            PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy, AuditTrail audit) {
        this.users = users;
        this.grants = grants;
        this.targets = targets;
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

    /** Every user's grants by user name, for the list. */
    Map<String, List<TargetGrant>> grantsByUser() {
        return grants.grantsByUser();
    }

    List<TargetGrant> grantsOf(String username) {
        return grants.grantsOf(username);
    }

    /**
     * Every target the console knows, enabled or not (a grant may be prepared before a
     * target is enabled), for the grant form.
     */
    List<RegisteredTarget> targets() {
        return targets.all();
    }

    /**
     * @param grant a role on one target given with the account (both parts empty: none);
     * with it, the user needs no global role
     */
    @Transactional
    void create(String username, Set<Role> roles, String initialPassword, GrantRequest grant, String actor) {
        // Every broken rule at once, so that the administrator fixes the form in one go.
        var problems = new ArrayList<Problem>();
        if (!USERNAME.matcher(username).matches()) {
            problems.add(new Problem("username", "Use " + USERNAME_RULE));
        }
        else if (RESERVED_NAMES.contains(username)) {
            problems.add(new Problem("username",
                    "This name is the address of another page of the console: " + "choose another."));
        }
        else if (users.findByUsername(username).isPresent()) {
            problems.add(new Problem("username", DUPLICATE_NAME));
        }
        Optional<TargetGrant> firstGrant = Optional.empty();
        if (!grant.isEmpty()) {
            var checked = checkGrant(grant, "grantTarget", "grantRole");
            problems.addAll(checked.problems());
            firstGrant = Optional.ofNullable(checked.grant());
        }
        if (roles.isEmpty() && grant.isEmpty()) {
            problems.add(new Problem("roles", NO_ROLE_NOR_GRANT));
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
        firstGrant.ifPresent(given -> {
            grants.grant(username, given, actor);
            recordGrant(username, given, Optional.empty());
        });
    }

    /**
     * Gives the user a role on one target, replacing the role they had there; their
     * sessions end (rights take effect at once). Giving the role they already have there
     * changes nothing and records nothing.
     */
    @Transactional
    void grant(String username, GrantRequest request, String actor) {
        get(username);
        var checked = checkGrant(request, "target", "role");
        if (!checked.problems().isEmpty() || checked.grant() == null) {
            throw new UserAdministrationException(checked.problems());
        }
        TargetGrant grant = checked.grant();
        Optional<Role> before = grants.grant(username, grant, actor);
        if (before.filter(role -> role == grant.role()).isEmpty()) {
            recordGrant(username, grant, before);
        }
    }

    /**
     * Takes the user's role on one target away; their sessions end. Refused when it is
     * the last right of a user without a global role.
     */
    @Transactional
    void revoke(String username, String target) {
        var current = grants.lockUserAndReadGrants(username);
        var account = get(username);
        var revoked = current.stream().filter(grant -> grant.target().value().equals(target)).findFirst();
        if (revoked.isEmpty()) {
            throw new UserAdministrationException(null, "'" + username + "' has no role on target '" + target + "'.");
        }
        if (account.roles().isEmpty() && current.size() == 1) {
            throw new UserAdministrationException(null, "This is the only right of '" + username
                    + "': they have no global role. Give them a role or another target grant first, or disable the "
                    + "user.");
        }
        grants.revoke(username, revoked.get().target());
        record(AuditIntent.of(UserAuditAction.USER_TARGET_REVOKED, AuditTarget.none())
            .value("user", username)
            .value("target", target)
            .changed("role", revoked.get().role().name(), null));
    }

    private void recordGrant(String username, TargetGrant grant, Optional<Role> before) {
        record(AuditIntent.of(UserAuditAction.USER_TARGET_GRANTED, AuditTarget.none())
            .value("user", username)
            .value("target", grant.target().value())
            .changed("role", before.map(Role::name).orElse(null), grant.role().name()));
    }

    /**
     * A grant request checked against the rules: a known target (enabled or not) and
     * VIEWER or OPERATOR.
     */
    private CheckedGrant checkGrant(GrantRequest request, String targetField, String roleField) {
        var problems = new ArrayList<Problem>();
        String target = request.target() == null ? "" : request.target().strip();
        TargetName name = null;
        if (!TargetName.isValid(target)) {
            problems.add(new Problem(targetField, CHOOSE_TARGET));
        }
        else {
            name = new TargetName(target);
            if (targets.find(name).isEmpty()) {
                problems.add(new Problem(targetField, "The console knows no target named '" + target + "'."));
                name = null;
            }
        }
        Role role = grantableRole(request.role());
        if (role == null) {
            problems.add(new Problem(roleField, CHOOSE_TARGET_ROLE));
        }
        return new CheckedGrant(name == null || role == null ? null : new TargetGrant(name, role), problems);
    }

    private static @Nullable Role grantableRole(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            Role role = Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
            return TargetGrant.grantable(role) ? role : null;
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A role on a target as an administrator asked for it, unchecked.
     *
     * @param target the target's name
     * @param role VIEWER or OPERATOR
     */
    record GrantRequest(@Nullable String target, @Nullable String role) {

        static final GrantRequest NONE = new GrantRequest(null, null);

        boolean isEmpty() {
            return (target == null || target.isBlank()) && (role == null || role.isBlank());
        }
    }

    private record CheckedGrant(@Nullable TargetGrant grant, List<Problem> problems) {
    }

    @Transactional
    void changeRoles(String username, Set<Role> roles) {
        var account = get(username);
        if (roles.isEmpty() && grants.lockUserAndReadGrants(username).isEmpty()) {
            throw new UserAdministrationException("roles", NO_ROLE_LEFT);
        }
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
