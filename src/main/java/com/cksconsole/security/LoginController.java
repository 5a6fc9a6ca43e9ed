package com.cksconsole.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the sign-in page (its providers and password form: {@link SignInPageAdvice});
 * Spring Security's filters handle the sign-ins themselves.
 */
@Controller
class LoginController {

    static final String VIEW = "login";

    @GetMapping("/login")
    String login() {
        return VIEW;
    }

}
