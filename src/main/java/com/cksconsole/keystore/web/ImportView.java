package com.cksconsole.keystore.web;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.proxyconfig.ImportMessage;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * What the XKS edit page shows about the proxy configuration import: the outcome of the
 * import just made (its summary, or the reasons it was refused), which fields came from
 * the file, and the secret held server-side.
 *
 * @param summary after an accepted import: what was filled in, left, not applied, ignored
 * @param problems after a refused import: why, one sentence each, naming the file's key
 * concerned
 * @param importedFields the form fields filled in from the file, each marked on the page
 * @param heldSecret where the secret behind the form's handle came from, once checked to
 * be pending for this session, user and key store; null when the form holds no imported
 * secret
 * @param pastedText whether the import just made was of pasted JSON (the page then points
 * at the text area)
 */
record ImportView(@Nullable ImportSummary summary, List<ImportMessage> problems, Set<String> importedFields,
        @Nullable ProxyConfigurationSource heldSecret, boolean pastedText) {

    static final ImportView NONE = new ImportView(null, List.of(), Set.of(), null, false);

    ImportView {
        problems = List.copyOf(problems);
        importedFields = Set.copyOf(importedFields);
    }

    static ImportView refused(List<ImportMessage> problems, @Nullable ProxyConfigurationSource heldSecret,
            boolean pastedText) {
        return new ImportView(null, problems, Set.of(), heldSecret, pastedText);
    }

    static ImportView held(@Nullable ProxyConfigurationSource heldSecret) {
        return new ImportView(null, List.of(), Set.of(), heldSecret, false);
    }

    /** The import control the page's error summary links to. */
    public String problemTarget() {
        return pastedText ? XksImports.TEXT : XksImports.FILE;
    }

    public boolean isImported(String field) {
        return importedFields.contains(field);
    }

    /** Where the held secret came from, in the words of the secret field. */
    public @Nullable String heldSecretOrigin() {
        if (heldSecret == null) {
            return null;
        }
        return heldSecret.uploaded() ? "from the uploaded file" : "from the pasted proxy configuration";
    }
}
