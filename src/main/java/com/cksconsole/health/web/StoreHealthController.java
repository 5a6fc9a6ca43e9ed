package com.cksconsole.health.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.credentials.KmsCredentialReusedException;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.kms.KeyStoreRef;

/**
 * A store's health page ({@code ?window=1h|24h|7d|30d}, 24 hours by default; an unknown
 * window shows 24 hours and says so), the CSV of each graph, and setting or removing the
 * store's monitoring credential (POST, CSRF, the change right on the target; then back to
 * the page with a message).
 */
@Controller
class StoreHealthController {

    static final String WINDOW_UNKNOWN = "Unknown window: showing the last 24 hours. Choose 1 hour, 24 hours, "
            + "7 days or 30 days.";

    static final String CREDENTIAL_SET = "The monitoring credential was stored. The probes use it from their next run.";

    static final String CREDENTIAL_REMOVED = "The monitoring credential was removed. The proxy is no longer probed.";

    static final String NO_CREDENTIAL_TO_REMOVE = "This key store had no monitoring credential.";

    static final String NOT_EXTERNAL = "Only external key stores have a monitoring credential.";

    static final String KMS_CREDENTIAL = "This is the access key ID KMS uses for the key store. Give the console a "
            + "second credential of the proxy: the proxy accepts several.";

    private final StorePage page;

    private final MonitoringCredentials credentials;

    StoreHealthController(StorePage page, MonitoringCredentials credentials) {
        this.page = page;
        this.credentials = credentials;
    }

    @InitBinder(StorePage.FORM)
    void bind(WebDataBinder binder) {
        binder.setAllowedFields(CredentialForm.ALLOWED_FIELDS);
    }

    @GetMapping("/t/{target}/key-stores/{id}/health")
    String health(KeyStoreRef ref, @RequestParam(name = "window", required = false) @Nullable String window,
            Model model) {
        CustomKeyStore store = page.store(ref);
        HealthWindow chosen = HealthWindow.DAY;
        if (window != null) {
            var known = HealthWindow.ofLabel(window);
            if (known.isPresent()) {
                chosen = known.get();
            }
            else {
                model.addAttribute("windowMessage", WINDOW_UNKNOWN);
            }
        }
        return page.render(ref, store, chosen, model);
    }

    /**
     * One graph's figures as CSV ({@code graph=latency|availability|ekm|state}); an
     * unknown graph or window is a 400, an unknown store the 404 page.
     */
    @GetMapping("/t/{target}/key-stores/{id}/health.csv")
    ResponseEntity<String> csv(KeyStoreRef ref, @RequestParam(name = "graph", required = false) @Nullable String graph,
            @RequestParam(name = "window", required = false) @Nullable String window) {
        CustomKeyStore store = page.store(ref);
        var chosenGraph = graph == null ? null : HealthGraph.ofKey(graph).orElse(null);
        var chosenWindow = window == null ? HealthWindow.DAY : HealthWindow.ofLabel(window).orElse(null);
        if (chosenGraph == null || chosenWindow == null) {
            return ResponseEntity.badRequest()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body("Unknown graph or window: graph is one of latency, availability, ekm, state; "
                        + "window one of 1h, 24h, 7d, 30d.\n");
        }
        String body = HealthTable.of(chosenGraph, page.history(ref, chosenWindow)).csv();
        String file = "health-" + store.id() + "-" + chosenGraph.key() + "-" + chosenWindow.label() + ".csv";
        return ResponseEntity.ok()
            .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
            .body(body);
    }

    @PostMapping("/t/{target}/key-stores/{id}/health/credential")
    @PreAuthorize(HealthPages.MAY_CHANGE)
    String setCredential(KeyStoreRef ref, @Valid @ModelAttribute(StorePage.FORM) CredentialForm form,
            BindingResult errors, Model model, Principal principal, RedirectAttributes redirect) {
        CustomKeyStore store = page.store(ref);
        if (!store.isExternal()) {
            redirect.addFlashAttribute("failure", NOT_EXTERNAL);
            return "redirect:/t/{target}/key-stores/{id}/health";
        }
        if (!errors.hasErrors()) {
            try {
                credentials.put(ref, form.credential(), principal.getName());
                redirect.addFlashAttribute("success", CREDENTIAL_SET);
                return "redirect:/t/{target}/key-stores/{id}/health#monitoring-credential";
            }
            catch (KmsCredentialReusedException e) {
                errors.rejectValue("accessKeyId", "kmsCredential", KMS_CREDENTIAL);
            }
        }
        // Rendered again with the access key ID only: the template never writes the
        // secret back.
        return page.render(ref, store, HealthWindow.DAY, model);
    }

    @PostMapping("/t/{target}/key-stores/{id}/health/credential/remove")
    @PreAuthorize(HealthPages.MAY_CHANGE)
    String removeCredential(KeyStoreRef ref, Principal principal, RedirectAttributes redirect) {
        page.store(ref);
        boolean removed = credentials.remove(ref, principal.getName());
        redirect.addFlashAttribute("success", removed ? CREDENTIAL_REMOVED : NO_CREDENTIAL_TO_REMOVE);
        return "redirect:/t/{target}/key-stores/{id}/health#monitoring-credential";
    }

}
