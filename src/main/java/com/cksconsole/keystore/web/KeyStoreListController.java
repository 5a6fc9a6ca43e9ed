package com.cksconsole.keystore.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import jakarta.servlet.http.HttpServletRequest;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.targets.Target;
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

    private final KmsTargets targets;

    KeyStoreListController(KeyStoreReads service, KmsTargets targets) {
        this.service = service;
        this.targets = targets;
    }

    @InitBinder("filter")
    void allowOnlyFilterFields(WebDataBinder binder) {
        binder.setAllowedFields(KeyStoreFilter.ALLOWED_FIELDS);
    }

    @GetMapping(PATH)
    String list(@ModelAttribute("filter") KeyStoreFilter filter, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Target target = targets.of(targets.defaultTarget())
            .or(() -> targets.usable().stream().findFirst())
            .orElseThrow(() -> new TargetNotUsableException("default"));
        return list(target, filter, model, request, response);
    }

    @GetMapping("/t/{target}/key-stores")
    String listOfTarget(@PathVariable("target") String name, @ModelAttribute("filter") KeyStoreFilter filter,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Target target = targets.find(name).orElseThrow(() -> new TargetNotUsableException(name));
        return list(target, filter, model, request, response);
    }

    private String list(Target target, KeyStoreFilter filter, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        request.setAttribute(KeyStoreRefResolver.TARGET, target);
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
            var read = service.list(target.kmsTarget());
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
