package com.cksconsole.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts {@link SignInThrottle} in front of the password check. It is the only provider of
 * the application's authentication manager, so no other path can check a password
 * unthrottled.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwordCheck;

    private final SignInThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider passwordCheck, SignInThrottle throttle) {
        this.passwordCheck = passwordCheck;
        this.throttle = throttle;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
        // Counted as a failure before the password is checked (and taken back only if it
        // is right), so that
        // parallel attempts cannot all pass the decision before any of them is counted.
        var attempt = throttle.admit(username, address);
        if (!attempt.admitted()) {
            // Same exception and message as a wrong password: the answer must not tell a
            // wait or lock apart.
            throw new BadCredentialsException("Bad credentials");
        }
        Authentication result = passwordCheck.authenticate(authentication);
        throttle.succeeded(attempt);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

}
