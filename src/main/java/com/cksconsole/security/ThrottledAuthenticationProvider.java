package com.cksconsole.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Puts {@link SignInThrottle} in front of the password check. It is the only provider of the application's
 * authentication manager, so no other path can check a password unthrottled.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwordCheck;
    private final SignInThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider passwordCheck, SignInThrottle throttle) {
        this.passwordCheck = passwordCheck;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
        if (!throttle.allows(username, address)) {
            // An attempt during a wait counts as a failure too, so hammering only lengthens the wait. Same
            // exception and message as a wrong password: the answer must not tell a wait or lock apart.
            throw failed(username, address, new BadCredentialsException("Bad credentials"));
        }
        try {
            Authentication result = passwordCheck.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (AuthenticationException refused) {
            throw failed(username, address, refused);
        }
    }

    private AuthenticationException failed(String username, String address, AuthenticationException refusal) {
        throttle.failed(username, address);
        return refusal;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
