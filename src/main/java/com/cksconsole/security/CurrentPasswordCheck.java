package com.cksconsole.security;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import com.cksconsole.security.accounts.UserAccount;

/**
 * Checks the current password a signed-in user types to change their own, under the same
 * throttle as sign-in: it counts against the account's failures and locks it the same way
 * (so a taken-over session is no unthrottled way to guess the password), a locked
 * account's password is not checked at all, and every refusal is audited.
 */
@Component
class CurrentPasswordCheck {

    /** What the check found. */
    enum Result {

        RIGHT, WRONG, THROTTLED

    }

    private final SignInThrottle throttle;

    private final PasswordEncoder passwordEncoder;

    private final SecurityAuditing auditing;

    CurrentPasswordCheck(SignInThrottle throttle, PasswordEncoder passwordEncoder, SecurityAuditing auditing) {
        this.throttle = throttle;
        this.passwordEncoder = passwordEncoder;
        this.auditing = auditing;
    }

    Result check(UserAccount account, String typed, String address) {
        var attempt = throttle.admit(account.username(), address);
        if (!attempt.admitted()) {
            auditing.currentPasswordRefused("SignInThrottled",
                    "Not checked: the account has too many recent wrong passwords");
            return Result.THROTTLED;
        }
        if (!passwordEncoder.matches(typed, account.passwordHash())) {
            auditing.currentPasswordRefused("WrongCurrentPassword", "The current password was not correct");
            return Result.WRONG;
        }
        throttle.succeeded(attempt);
        return Result.RIGHT;
    }

}
