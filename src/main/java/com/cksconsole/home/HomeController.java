package com.cksconsole.home;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.cksconsole.keystore.KeyStoreService;
import com.cksconsole.keystore.KmsCallException;

/** The signed-in landing page: an overview of the custom key stores (from the shared snapshot). */
@Controller
class HomeController {

    static final String VIEW = "home";

    private final KeyStoreService keyStores;

    HomeController(KeyStoreService keyStores) {
        this.keyStores = keyStores;
    }

    @GetMapping("/")
    String home(Model model) {
        try {
            var read = keyStores.list();
            model.addAttribute("stores", read.snapshot().stores());
            model.addAttribute("snapshot", read);
        } catch (KmsCallException e) {
            // The overview stays up; the key store list page explains the failure and offers a retry.
            model.addAttribute("kmsErrorCode", e.failure().errorCode());
        }
        return VIEW;
    }
}
