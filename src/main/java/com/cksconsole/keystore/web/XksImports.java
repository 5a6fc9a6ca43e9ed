package com.cksconsole.keystore.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Validator;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.proxyconfig.ImportMessage;
import com.cksconsole.proxyconfig.ProxyConfigurationImport;
import com.cksconsole.proxyconfig.ProxyConfigurationImporter;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * The XKS proxy configuration import on the external key store edit page: reads the file
 * (or pasted JSON), fills the form as far as the store's state allows, holds the imported
 * secret server-side behind a handle, and turns a held secret into a reviewed change
 * exactly as a typed one.
 *
 * <p>
 * The secret never reaches the browser: the page carries only the handle, which works for
 * the session, user and key store that imported it, once, for
 * {@code console.proxy-config.secret-ttl}. On the way to review it moves into the
 * {@link PendingUpdateStore} with the change, like a typed secret.
 */
@Component
class XksImports {

    static final String FILE = "proxyConfigurationFile";
    static final String TEXT = "proxyConfigurationText";

    static final String NOTHING_CHOSEN = "Choose a proxy configuration file or paste its JSON, then import it.";
    static final String BOTH_CHOSEN = "You chose a file and pasted JSON: import one of them, not both.";
    static final String TOO_LARGE = "The upload is far larger than a proxy configuration may be (at most %s), so the"
            + " console stopped reading it: nothing was imported, and the rest of the form could not be read either."
            + " Check that you chose the proxy configuration file (a few hundred bytes of JSON), then enter your"
            + " changes again.";
    static final String NAME_TOO_LONG = "The name of the chosen file is far longer than a file name can be, so the"
            + " console stopped reading the upload: nothing was imported, and the rest of the form could not be read"
            + " either. Rename the file to a shorter name (at most 255 characters), then enter your changes again.";
    static final String TOO_MANY_PARTS = "The form arrived in far more parts than the edit form sends, so the console"
            + " stopped reading it: nothing was imported, and the rest of the form could not be read either. Reload"
            + " this page, then enter your changes again.";

    /**
     * More parts than the form sends, yet few enough to read: refused, with the
     * operator's input kept.
     */
    static final String TOO_MANY_PARTS_KEPT = "The form arrived in %,d parts, more than the %d the edit form may"
            + " send, so nothing was imported. Your entries are kept below; import the file again from this page.";

    /**
     * The edit form sends about 15 parts; below the container's
     * server.tomcat.max-part-count.
     */
    static final int MAX_FORM_PARTS = 50;
    static final String SECRET_GONE = "The secret access key from the proxy configuration is no longer held (it is"
            + " kept for %s, used once, and forgotten when you sign out or cancel). Import the file again, or type"
            + " the secret access key.";

    private final KeyStoreChanges keyStores;

    private final ProxyConfigurationImporter importer;

    private final UpdatePolicy policy;

    private final XksUpdateValidator xksValidator;

    private final SpringValidatorAdapter beanValidator;

    private final PendingUpdateStore pendingUpdates;

    private final EditPage editPage;

    XksImports(ProxyConfigurationImporter importer, UpdatePolicy policy, XksUpdateValidator xksValidator,
            Validator beanValidator, PendingUpdateStore pendingUpdates, EditPage editPage, KeyStoreChanges keyStores) {
        this.keyStores = keyStores;
        this.importer = importer;
        this.policy = policy;
        this.xksValidator = xksValidator;
        this.beanValidator = new SpringValidatorAdapter(beanValidator);
        this.pendingUpdates = pendingUpdates;
        this.editPage = editPage;
    }

    /**
     * What the edit page says when the container stopped reading the form
     * ({@link UploadTooLargeFilter}).
     */
    static String unread(UploadRefusal refusal, ImportLimits limits) {
        return switch (refusal) {
            case TOO_LARGE -> TOO_LARGE.formatted(limits.maxSize());
            case PART_HEADERS_TOO_LONG -> NAME_TOO_LONG;
            case TOO_MANY_PARTS -> TOO_MANY_PARTS;
        };
    }

    /**
     * How many parts a multipart form arrived in (the container has parsed them already);
     * 0 for other forms.
     */
    static int formParts(HttpServletRequest request) {
        if (WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class) == null) {
            return 0;
        }
        try {
            return request.getParts().size();
        }
        catch (IOException | ServletException e) {
            throw new IllegalStateException("the parts of a parsed multipart form could not be listed", e);
        }
    }

    static boolean chosen(@Nullable MultipartFile file, @Nullable String text) {
        return fileChosen(file) || (text != null && !text.isEmpty());
    }

    /**
     * Imports the chosen file or pasted JSON into the operator's form and shows the form
     * again, or, with {@code thenReview}, goes straight on to the review page when the
     * filled-in form passes every check.
     * @param submitted the form as the operator had it, typed values included; kept as it
     * was when the import is refused
     * @param formParts how many parts the multipart form arrived in; more than
     * {@link #MAX_FORM_PARTS} are refused before the file is read
     */
    String importInto(CustomKeyStore store, XksUpdateForm submitted, @Nullable MultipartFile file,
            @Nullable String text, int formParts, boolean thenReview, Model model, Principal principal,
            HttpSession session) {
        var owner = owner(store, principal, session);
        boolean changed = !store.fingerprint().equals(submitted.fingerprint());
        XksUpdateForm base = changed ? XksUpdateForm.of(store) : submitted;
        if (changed) {
            discard(submitted, owner);
        }
        var held = held(base, owner);
        if (held.isEmpty()) {
            base = base.withoutImportedSecret();
        }

        boolean tooManyParts = formParts > MAX_FORM_PARTS;
        var read = tooManyParts ? Optional.<ProxyConfigurationImport>empty() : read(file, text);
        read.ifPresent(result -> keyStores.recordImport(KeyStoreRefResolver.current(), store, result.source(),
                result.problems().stream().map(ImportMessage::text).toList()));
        if (read.isEmpty() || !read.get().isAccepted()) {
            var problems = read.map(ProxyConfigurationImport::problems)
                .orElseGet(() -> List
                    .of(new ImportMessage(null, tooManyParts ? TOO_MANY_PARTS_KEPT.formatted(formParts, MAX_FORM_PARTS)
                            : fileChosen(file) ? BOTH_CHOSEN : NOTHING_CHOSEN)));
            boolean pasted = read.map(result -> !result.source().uploaded()).orElse(false);
            return editPage.render(model, store, base, changedErrors(base, changed),
                    ImportView.refused(problems, held.orElse(null), pasted));
        }
        var result = read.get();
        var values = result.values().orElseThrow();
        var prefill = XksImportPrefill.of(base, store, values, policy);
        var summary = ImportSummary.of(result.source(), prefill,
                result.warnings().stream().map(ImportMessage::text).toList());
        XksUpdateForm filled = prefill.form();
        var errors = changedErrors(filled, changed);

        if (thenReview && !changed) {
            var change = check(filled, prefill.credentialApplied() ? values.rawSecretAccessKey() : null, store, errors);
            if (change.isPresent()) {
                discard(base, owner);
                String token = pendingUpdates.put(session, principal.getName(), KeyStoreRefResolver.current(), store,
                        change.get(), filled, prefill.applied().isEmpty() ? null : result.source());
                return "redirect:/t/{target}/key-stores/{id}/review/" + token;
            }
        }
        if (!prefill.credentialApplied()) {
            // The state does not let the credential change now: an earlier imported
            // secret is of no use either.
            discard(base, owner);
            return editPage.render(model, store, filled.withoutImportedSecret(), errors,
                    new ImportView(summary, List.of(), prefill.importedFields(), null, !result.source().uploaded()));
        }
        String handle = importer.holdSecret(owner, values.rawSecretAccessKey(), result.source());
        return editPage.render(model, store, filled.withImportedSecret(values.accessKeyId(), handle), errors,
                new ImportView(summary, List.of(), prefill.importedFields(), result.source(),
                        !result.source().uploaded()));
    }

    /**
     * The review step of a form that carries the handle of an imported secret: the secret
     * is taken from the server only when the whole form passes the checks; otherwise it
     * stays held for the next attempt.
     * @param errors Bean Validation's findings on the submitted form
     */
    String review(CustomKeyStore store, XksUpdateForm form, BindingResult errors, Model model, Principal principal,
            HttpSession session) {
        var owner = owner(store, principal, session);
        String handle = form.importedSecretHandle();
        if (handle == null) {
            throw new IllegalArgumentException("no imported secret in this form");
        }
        var source = importer.pendingSecret(handle, owner);
        if (source.isEmpty()) {
            return secretGone(store, form, errors, model);
        }
        var change = importer.takeSecretWhen(handle, owner,
                secret -> xksValidator.validate(form.withSecret(secret), store, errors));
        if (change.isPresent()) {
            String token = pendingUpdates.put(session, principal.getName(), KeyStoreRefResolver.current(), store,
                    change.get(), form, source.get());
            return "redirect:/t/{target}/key-stores/{id}/review/" + token;
        }
        if (!errors.hasErrors()) {
            return secretGone(store, form, errors, model); // expired or used between the
                                                           // two calls
        }
        return editPage.render(model, store, form, errors, ImportView.held(source.get()));
    }

    /**
     * The form again with the typed input, after the operator chose to use another secret
     * than the file's.
     */
    String discardSecret(CustomKeyStore store, XksUpdateForm form, Model model, Principal principal,
            HttpSession session) {
        discard(form, owner(store, principal, session));
        return editPage.render(model, store, form.withoutImportedSecret(), null);
    }

    /**
     * Forgets the imported secret a form holds, if it is this operator's (cancel, a
     * changed store).
     */
    void discard(XksUpdateForm form, Principal principal, HttpSession session, KeyStoreRef store) {
        // The store's account and Region too: the same ID in another target is another
        // store.
        discard(form, new ProxyConfigurationImporter.Owner(session, principal.getName(), store.toString()));
    }

    private void discard(XksUpdateForm form, ProxyConfigurationImporter.Owner owner) {
        if (form.importedSecretHandle() != null) {
            importer.discardSecret(form.importedSecretHandle(), owner);
        }
    }

    private String secretGone(CustomKeyStore store, XksUpdateForm form, BindingResult errors, Model model) {
        errors.rejectValue(XksUpdateForm.SECRET, "importedSecretGone", SECRET_GONE
            .formatted(new ImportLimits(importer.maxSizeBytes(), importer.secretTtl()).secretLifetime()));
        var withoutHandle = form.withoutImportedSecret();
        xksValidator.validate(withoutHandle, store, errors); // the other fields'
                                                             // problems, in the same
                                                             // round
        return editPage.render(model, store, withoutHandle, errors);
    }

    /**
     * Checks a filled-in form as typed input is checked: Bean Validation on the form (the
     * secret was checked by the parser with the same constraints, and is kept out of the
     * binding result so that no error can carry it), then the cross-field and state rules
     * on the form with the secret.
     */
    private Optional<XksChange> check(XksUpdateForm filled, @Nullable String secret, CustomKeyStore store,
            BindingResult errors) {
        beanValidator.validate(filled, errors);
        return xksValidator.validate(secret == null ? filled : filled.withSecret(secret), store, errors);
    }

    private Optional<ProxyConfigurationSource> held(XksUpdateForm form, ProxyConfigurationImporter.Owner owner) {
        String handle = form.importedSecretHandle();
        return handle == null ? Optional.empty() : importer.pendingSecret(handle, owner);
    }

    /** The import of the chosen input; empty when nothing or both were chosen. */
    private Optional<ProxyConfigurationImport> read(@Nullable MultipartFile file, @Nullable String text) {
        if (fileChosen(file) == textChosen(text)) {
            return Optional.empty();
        }
        if (textChosen(text)) {
            return Optional.of(importer.readPastedText(text));
        }
        MultipartFile upload = Objects.requireNonNull(file, "the file is the chosen input");
        byte[] content;
        try {
            content = upload.getBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("the uploaded proxy configuration could not be read", e);
        }
        try {
            return Optional.of(importer.readUpload(upload.getOriginalFilename(), content));
        }
        finally {
            Arrays.fill(content, (byte) 0); // our copy of the secret; the container's
                                            // buffer is released after
        }
    }

    @Contract("null -> false")
    private static boolean textChosen(@Nullable String text) {
        return text != null && !text.isEmpty();
    }

    @Contract("null -> false")
    private static boolean fileChosen(@Nullable MultipartFile file) {
        // A file input without a file still sends a part: no file name and no content.
        return file != null
                && (!file.isEmpty() || (file.getOriginalFilename() != null && !file.getOriginalFilename().isEmpty()));
    }

    private static BindingResult changedErrors(XksUpdateForm form, boolean changed) {
        var errors = new BeanPropertyBindingResult(form, EditPage.XKS_FORM);
        if (changed) {
            errors.reject("changed", KeyStoreEditController.CHANGED_SINCE_LOADED);
        }
        return errors;
    }

    private static ProxyConfigurationImporter.Owner owner(CustomKeyStore store, Principal principal,
            HttpSession session) {
        return new ProxyConfigurationImporter.Owner(session, principal.getName(),
                KeyStoreRefResolver.current().toString());
    }

}
