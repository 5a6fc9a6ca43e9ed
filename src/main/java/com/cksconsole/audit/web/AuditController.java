package com.cksconsole.audit.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.audit.AuditActions;
import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditPage;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.audit.SecretCheckLimitException;

/**
 * The audit log pages: search, one entry, the chain verification and its checkpoints, and
 * the secret check. ADMIN and AUDITOR only, enforced by the security configuration
 * ({@code /audit/**}).
 */
@Controller
@RequestMapping("/audit")
class AuditController {

    static final String LIST_VIEW = "audit/list";
    static final String DETAIL_VIEW = "audit/detail";
    static final String VERIFY_VIEW = "audit/verify";
    static final int PAGE_SIZE = 50;

    private static final Pattern EVENT_ID = Pattern
        .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping
    String list(@ModelAttribute("search") AuditFilterForm form, Model model, HttpServletResponse response) {
        var known = auditLog.targetValues();
        var parsed = form.parse(known);
        var page = parsed.errors().isEmpty() ? auditLog.page(parsed.filter(), parsed.before(), PAGE_SIZE)
                : new AuditPage(List.of(), null);
        if (!parsed.errors().isEmpty()) {
            // Refused, not run: an unknown value never reads "Any action" while filtering
            // everything out.
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("errors", parsed.errors());
        model.addAttribute("fieldErrors", parsed.fieldErrors());
        model.addAttribute("page", page);
        model.addAttribute("rows", page.entries().stream().map(AuditRow::of).toList());
        model.addAttribute("filtered", !parsed.filter().isEmpty());
        model.addAttribute("olderPage", parsed.before() != null);
        model.addAttribute("actions", AuditActions.all());
        model.addAttribute("outcomes", AuditOutcome.values());
        model.addAttribute("accounts", known.accounts());
        model.addAttribute("regions", known.regions());
        addLinks(form, page, model);
        return LIST_VIEW;
    }

    /** The links that keep the search: the next and first page, and the two exports. */
    private static void addLinks(AuditFilterForm form, AuditPage page, Model model) {
        model.addAttribute("nextPageUrl", page.nextCursor() == null ? null : form.pageUrl("/audit", page.nextCursor()));
        model.addAttribute("firstPageUrl", form.url("/audit"));
        String query = form.filterQuery();
        String suffix = query == null || query.isEmpty() ? "" : "&" + query;
        model.addAttribute("csvUrl", "/audit/export?format=csv" + suffix);
        model.addAttribute("jsonlUrl", "/audit/export?format=jsonl" + suffix);
    }

    @GetMapping("/{eventId}")
    String detail(@PathVariable String eventId, Model model) {
        var entry = (EVENT_ID.matcher(eventId).matches() ? auditLog.entry(eventId) : Optional.<AuditEntry>empty())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("entry", entry);
        model.addAttribute("secrets",
                entry.event()
                    .parameters()
                    .stream()
                    .filter(p -> p.kind() == AuditParameter.Kind.SECRET_REPLACED)
                    .toList());
        if (!model.containsAttribute(SecretCheckForm.NAME)) {
            model.addAttribute(SecretCheckForm.NAME, new SecretCheckForm(null, null));
        }
        return DETAIL_VIEW;
    }

    /**
     * Compares a candidate secret with a recorded fingerprint; the answer comes back as a
     * flash message, a form error next to its field (POST-redirect-GET, without the
     * candidate). Over the per-user limit the entry's page answers 429 with the reason,
     * and nothing is compared.
     */
    @PostMapping("/{eventId}/secret-check")
    String checkSecret(@PathVariable String eventId, @Valid @ModelAttribute(SecretCheckForm.NAME) SecretCheckForm form,
            BindingResult errors, RedirectAttributes redirect, Model model, HttpServletResponse response) {
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (errors.hasErrors()) {
            return refused(eventId, form, errors, redirect);
        }
        try {
            var answer = checkSecret(eventId, form);
            redirect.addFlashAttribute(answer.getKey(), answer.getValue());
            return "redirect:/audit/" + eventId;
        }
        catch (SecretCheckLimitException e) {
            return overLimit(eventId, form, e, model, response);
        }
    }

    @InitBinder(SecretCheckForm.NAME)
    void bindSecretCheck(WebDataBinder binder) {
        binder.setAllowedFields(SecretCheckForm.ALLOWED_FIELDS);
    }

    /**
     * The form's errors for the page after the redirect, bound to a copy without the
     * candidate.
     */
    private static String refused(String eventId, SecretCheckForm form, BindingResult errors,
            RedirectAttributes redirect) {
        var shown = form.withoutCandidate();
        var shownErrors = new BeanPropertyBindingResult(shown, SecretCheckForm.NAME);
        shownErrors.addAllErrors(errors);
        redirect.addFlashAttribute(SecretCheckForm.NAME, shown);
        redirect.addFlashAttribute(BindingResult.MODEL_KEY_PREFIX + SecretCheckForm.NAME, shownErrors);
        return "redirect:/audit/" + eventId;
    }

    private String overLimit(String eventId, SecretCheckForm form, SecretCheckLimitException e, Model model,
            HttpServletResponse response) {
        long retryAfter = Math.max(1, e.retryAfter().toSeconds() + 1);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        model.addAttribute("failure", "The check was not made: at most " + e.perMinute() + " secret checks a "
                + "minute are allowed. Try again in " + retryAfter + " seconds.");
        model.addAttribute(SecretCheckForm.NAME, form.withoutCandidate());
        return detail(eventId, model);
    }

    /**
     * The answer as one flash message: {@code success} when the candidate matches, else
     * {@code failure}.
     */
    private Map.Entry<String, String> checkSecret(String eventId, SecretCheckForm form) {
        String parameter = Objects.requireNonNull(form.parameter(), "validated");
        try {
            var matches = auditLog.checkSecret(eventId, parameter,
                    Objects.requireNonNull(form.candidate(), "validated"));
            if (matches.isEmpty()) {
                return Map.entry("failure", "This event did not replace a secret named " + parameter + ".");
            }
            return matches.get()
                    ? Map.entry("success", "The candidate is the value that was set for " + parameter + ".")
                    : Map.entry("failure", "The candidate is not the value that was set for " + parameter + ".");
        }
        catch (AuditUnavailableException e) {
            return Map.entry("failure", "The check was not made: it could not be recorded in the audit log.");
        }
    }

    @GetMapping("/verify")
    String verifyPage(Model model) {
        model.addAttribute("checkpointKeyPem", auditLog.checkpointPublicKeyPem());
        model.addAttribute("checkpointKeyFingerprint", auditLog.checkpointPublicKeyFingerprint());
        model.addAttribute("latestCheckpoint", auditLog.latestCheckpoint().orElse(null));
        return VERIFY_VIEW;
    }

    /**
     * The public key that checks checkpoints (and exports carrying one), for the offline
     * verifier.
     */
    @GetMapping("/checkpoint-key")
    ResponseEntity<String> checkpointKey() {
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("application/x-pem-file"))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename("audit-checkpoint-public-key.pem").build().toString())
            .body(auditLog.checkpointPublicKeyPem());
    }

    /**
     * Verifies the chain and signs a checkpoint of its head (a POST: it writes the
     * checkpoint file and records itself).
     */
    @PostMapping("/checkpoint")
    String signCheckpoint(RedirectAttributes redirect) {
        try {
            var result = auditLog.signCheckpoint();
            redirect.addFlashAttribute("report", result.report());
            if (result.checkpoint() != null) {
                redirect.addFlashAttribute("success", "Checkpoint signed: event " + result.checkpoint().seq()
                        + ", hash " + result.checkpoint().hash() + ".");
            }
            else {
                redirect.addFlashAttribute("failure", "No checkpoint was signed: " + result.refusal());
            }
        }
        catch (AuditUnavailableException e) {
            redirect.addFlashAttribute("failure",
                    "The request could not be recorded in the audit log; no " + "result is shown. Try again later.");
        }
        return "redirect:/audit/verify";
    }

    /**
     * Verifies the chain (a POST: it reads the whole log and records itself) and shows
     * the report.
     */
    @PostMapping("/verify")
    String verify(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("report", auditLog.verify());
        }
        catch (AuditUnavailableException e) {
            redirect.addFlashAttribute("failure", "The verification could not be recorded in the audit log, so "
                    + "its result is not shown. Try again later.");
        }
        return "redirect:/audit/verify";
    }

}
