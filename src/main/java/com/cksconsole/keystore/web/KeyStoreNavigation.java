package com.cksconsole.keystore.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Marks the key store pages' entry in the main navigation as the current one. */
@ControllerAdvice(basePackageClasses = KeyStoreNavigation.class)
class KeyStoreNavigation {

    static final String SECTION = "key-stores";

    @ModelAttribute("navSection")
    String navSection() {
        return SECTION;
    }
}
