package com.cksconsole.keystore.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.KeyStoreType;

/**
 * Lists every custom key store of the account and Region, with a filter that works
 * without JavaScript.
 */
@Controller
class KeyStoreListController {

    static final String VIEW = "keystores/list";
    static final String PATH = "/key-stores";

    private final KeyStoreReads service;

    KeyStoreListController(KeyStoreReads service) {
        this.service = service;
    }

    @InitBinder("filter")
    void allowOnlyFilterFields(WebDataBinder binder) {
        binder.setAllowedFields(KeyStoreFilter.ALLOWED_FIELDS);
    }

    @GetMapping(PATH)
    String list(@ModelAttribute("filter") KeyStoreFilter filter, Model model, HttpServletResponse response) {
        model.addAttribute("types", List.of(KeyStoreType.values()));
        model.addAttribute("states", KeyStoreFilter.STATES);
        var problems = filter.problems();
        model.addAttribute("filterErrors", problems);
        if (!problems.isEmpty()) {
            // Refused before KMS is asked: the page says which value is wrong, next to
            // its field.
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return VIEW;
        }
        try {
            var read = service.list();
            var all = read.snapshot().stores();
            model.addAttribute("stores", filter.apply(all));
            model.addAttribute("total", all.size());
            model.addAttribute("snapshot", read);
            model.addAttribute("staleAge", AgeText.of(read.age()));
        }
        catch (KmsCallException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("problem", KmsProblem.of(e.failure()));
        }
        return VIEW;
    }

}
