package com.cksconsole.keystore.web;

import java.io.IOException;
import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.keystore.CreateProblem;
import com.cksconsole.keystore.CreateStep;
import com.cksconsole.keystore.KeyStoreCreation;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.keystore.web.XksCreateForms.ConnectivityForm;
import com.cksconsole.keystore.web.XksCreateForms.CreateForm;
import com.cksconsole.keystore.web.XksCreateForms.NameForm;
import com.cksconsole.keystore.web.XksCreateForms.ProxyForm;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.proxyconfig.ImportMessage;
import com.cksconsole.proxyconfig.ProxyConfigurationImporter;
import com.cksconsole.targets.Target;

/**
 * The external key store wizard (CreateCustomKeyStore): name, connectivity, proxy and
 * credential, pre-flight, review and create. Each step is a page with its own form that
 * works without JavaScript; what the steps collected stays on the server
 * ({@link XksDraftStore}), the secret access key included, which no page shows again.
 * Everything KMS would check, and the console's own GetHealthStatus, comes before the
 * review; the create button's one-use token makes a double click or a replayed form
 * create one store. OPERATOR and ADMIN with the right to change the target only.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
@RequestMapping(XksCreateController.BASE)
class XksCreateController {

    static final String BASE = "/t/{target}/key-stores/new/xks";

    static final String VIEW = "keystores/create-xks";

    static final String OVERRIDE_NEEDED = "The XKS pre-flight check did not pass, so nothing was sent. Fix the "
            + "values, run the check again, or give a reason for going on anyway.";

    private final KeyStoreCreation creation;

    private final KmsTargets targets;

    private final XksDraftStore drafts;

    private final XksCreateSteps steps;

    private final ProxyConfigurationImporter importer;

    XksCreateController(KeyStoreCreation creation, KmsTargets targets, XksDraftStore drafts, XksCreateSteps steps,
            ProxyConfigurationImporter importer) {
        this.creation = creation;
        this.targets = targets;
        this.drafts = drafts;
        this.steps = steps;
        this.importer = importer;
    }

    @InitBinder({ "nameForm", "connectivityForm", "proxyForm", "createForm" })
    void bind(WebDataBinder binder) {
        EmptyInputAsNull.register(binder);
    }

    @GetMapping
    String start(@PathVariable String target, HttpSession session, Principal user) {
        Target chosen = usable(target);
        var draft = drafts.start(session, user.getName(), target, chosen.kmsTarget());
        return "redirect:" + steps.url(draft, CreateStep.NAME);
    }

    @GetMapping({ "/{draft}/name", "/{draft}/connectivity", "/{draft}/proxy", "/{draft}/preflight", "/{draft}/review" })
    String show(@PathVariable String target, @PathVariable("draft") String id, HttpServletRequest request,
            HttpSession session, Principal user, Model model, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        return steps.page(session, draft, CreateWizardPages.step(XksCreateSteps.STEPS, request.getRequestURI()),
                usable(target), model);
    }

    @PostMapping("/{draft}/name")
    String name(@PathVariable String target, @PathVariable("draft") String id, @Valid NameForm nameForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        if (!result.hasErrors()) {
            steps.nameProblems(draft, nameForm, result);
        }
        if (result.hasErrors()) {
            return steps.back(draft, CreateStep.NAME, "nameForm", nameForm, result, redirect);
        }
        var updated = drafts.update(session, draft,
                d -> d.withName(java.util.Objects.requireNonNull(nameForm.customKeyStoreName())));
        return "redirect:" + steps.url(updated, CreateStep.CONNECTIVITY);
    }

    @PostMapping("/{draft}/connectivity")
    String connectivity(@PathVariable String target, @PathVariable("draft") String id,
            @Valid ConnectivityForm connectivityForm, BindingResult result, HttpSession session, Principal user,
            RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        var connectivity = connectivityForm.connectivity();
        if (connectivity == XksConnectivity.VPC_ENDPOINT_SERVICE
                && connectivityForm.xksProxyVpcEndpointServiceName() == null
                && !result.hasFieldErrors(com.cksconsole.keystore.CreationRules.SERVICE_NAME)) {
            result.rejectValue(com.cksconsole.keystore.CreationRules.SERVICE_NAME, "required",
                    "Enter the name of the VPC endpoint service.");
        }
        if (result.hasErrors() || connectivity == null) {
            return steps.back(draft, CreateStep.CONNECTIVITY, "connectivityForm", connectivityForm, result, redirect);
        }
        var updated = drafts.update(session, draft, d -> d.withConnectivity(connectivity,
                connectivityForm.xksProxyVpcEndpointServiceName(), connectivityForm.xksProxyVpcEndpointServiceOwner()));
        return "redirect:" + steps.url(updated, CreateStep.PROXY);
    }

    /**
     * Step 3 sent: the values are kept, and the pre-flight (the rules, then
     * GetHealthStatus) runs at once, so that its page shows a result.
     */
    @PostMapping("/{draft}/proxy")
    String proxy(@PathVariable String target, @PathVariable("draft") String id, @Valid ProxyForm proxyForm,
            BindingResult result, HttpSession session, Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        var credential = proxyForm.xksProxyAuthenticationCredential();
        if (credential.accessKeyId() == null
                && !result.hasFieldErrors(com.cksconsole.keystore.CreationRules.ACCESS_KEY_ID)) {
            result.rejectValue(com.cksconsole.keystore.CreationRules.ACCESS_KEY_ID, "required",
                    "Enter the access key ID of the proxy credential.");
        }
        if (credential.rawSecretAccessKey() == null && !draft.secretHeld()
                && !result.hasFieldErrors(com.cksconsole.keystore.CreationRules.SECRET)) {
            result.rejectValue(com.cksconsole.keystore.CreationRules.SECRET, "required",
                    "Enter the secret access key of the proxy credential.");
        }
        if (result.hasErrors()) {
            return steps.back(draft, CreateStep.PROXY, "proxyForm", proxyForm.withoutSecret(), result, redirect);
        }
        var secret = credential.rawSecretAccessKey() == null ? null : Secret.of(credential.rawSecretAccessKey());
        var updated = drafts.update(session, draft, d -> d.withProxy(String.valueOf(proxyForm.xksProxyUriEndpoint()),
                String.valueOf(proxyForm.xksProxyUriPath()), String.valueOf(credential.accessKeyId()), secret, null));
        steps.runPreflight(session, updated);
        return "redirect:" + steps.url(updated, CreateStep.PREFLIGHT);
    }

    /**
     * The proxy configuration file (the strict import the edit page uses): its path and
     * credential fill step 3, the secret stays on the server with the wizard.
     */
    @PostMapping("/{draft}/proxy/import")
    String importFile(@PathVariable String target, @PathVariable("draft") String id,
            @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
            @RequestParam(name = "xksProxyUriEndpoint", required = false) @Nullable String endpoint,
            HttpSession session, Principal user, RedirectAttributes redirect) throws IOException {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("importProblems", List.of("Choose the proxy configuration file to import."));
            return "redirect:" + steps.url(draft, CreateStep.PROXY);
        }
        if (file.getSize() > importer.maxSizeBytes()) {
            redirect.addFlashAttribute("importProblems", List.of("The file is larger than " + importer.maxSizeBytes()
                    + " bytes, more than a proxy configuration file can be."));
            return "redirect:" + steps.url(draft, CreateStep.PROXY);
        }
        var read = importer.readUpload(file.getOriginalFilename(), file.getBytes());
        creation.recordImport(draft.target(), draft.name() == null ? "" : draft.name(), read.source(),
                read.problems().stream().map(ImportMessage::text).toList());
        var values = read.values().orElse(null);
        if (values == null) {
            redirect.addFlashAttribute("importProblems", read.problems().stream().map(ImportMessage::text).toList());
            return "redirect:" + steps.url(draft, CreateStep.PROXY);
        }
        String keptEndpoint = endpoint != null && !endpoint.isBlank() ? endpoint : draft.uriEndpoint();
        drafts.update(session, draft, d -> d.withProxy(keptEndpoint == null ? "" : keptEndpoint, values.uriPath(),
                values.accessKeyId(), Secret.of(values.rawSecretAccessKey()), read.source()));
        redirect.addFlashAttribute("imported", read.source());
        redirect.addFlashAttribute("importWarnings", read.warnings().stream().map(ImportMessage::text).toList());
        return "redirect:" + steps.url(draft, CreateStep.PROXY);
    }

    @PostMapping("/{draft}/preflight")
    String preflightAgain(@PathVariable String target, @PathVariable("draft") String id, HttpSession session,
            Principal user, RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        steps.runPreflight(session, draft);
        return "redirect:" + steps.url(draft, CreateStep.PREFLIGHT);
    }

    @PostMapping("/{draft}/create")
    String create(@PathVariable String target, @PathVariable("draft") String id, @Valid CreateForm createForm,
            BindingResult result, @RequestParam(required = false) @Nullable String breakGlassReason,
            HttpSession session, Principal user, RedirectAttributes redirect) {
        var created = drafts.created(session, id);
        if (created.isPresent()) {
            redirect.addFlashAttribute("failure", CreateWizardPages.TOKEN_USED);
            return "redirect:" + targets.storePath(created.get());
        }
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        if (createForm.formToken() == null || !drafts.useToken(session, draft, createForm.formToken())) {
            redirect.addFlashAttribute("failure", CreateWizardPages.TOKEN_USED);
            return "redirect:" + steps.url(draft, CreateStep.REVIEW);
        }
        if (result.hasErrors()) {
            return steps.back(draft, CreateStep.REVIEW, "createForm", createForm, result, redirect);
        }
        return steps.create(session, draft, user.getName(), createForm.overrideReason(), breakGlassReason, redirect);
    }

    /**
     * Under an approval policy (docs/approvals.md): asks for approval of the reviewed
     * store instead of creating it; the wizard and its secret are then discarded.
     */
    @PostMapping("/{draft}/request-approval")
    String requestApproval(@PathVariable String target, @PathVariable("draft") String id,
            @RequestParam(required = false) @Nullable String reason, HttpSession session, Principal user,
            RedirectAttributes redirect) {
        var draft = drafts.find(session, user.getName(), target, id).orElse(null);
        if (draft == null) {
            return expired(target, redirect);
        }
        return steps.requestApproval(session, draft, user.getName(), reason, redirect);
    }

    @PostMapping("/{draft}/cancel")
    String cancel(@PathVariable String target, @PathVariable("draft") String id, HttpSession session, Principal user) {
        drafts.find(session, user.getName(), target, id).ifPresent(draft -> drafts.discard(session, draft.id()));
        return "redirect:/t/" + target + "/key-stores";
    }

    private Target usable(String target) {
        return targets.find(target).orElseThrow(() -> new TargetNotUsableException(target));
    }

    private static String expired(String target, RedirectAttributes redirect) {
        return CreateWizardPages.expired(target, redirect);
    }

}
