package com.cksconsole.home;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The signed-in landing page is the key store list. */
@Controller
class HomeController {

    static final String KEY_STORES = "/key-stores";

    @GetMapping("/")
    String home(HttpServletRequest request, RedirectAttributes redirect) {
        // Pages that redirect to "/" with a flash message (password change) keep it across this second hop.
        var flash = RequestContextUtils.getInputFlashMap(request);
        if (flash != null) {
            flash.forEach(redirect::addFlashAttribute);
        }
        return "redirect:" + KEY_STORES;
    }
}
