package com.cksconsole.web;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.cksconsole.keystore.KmsProperties;

/**
 * Gives every page the {@link ConsoleContext} as {@code consoleContext}: the layout's
 * header shows it, and review and confirmation pages repeat it next to the action
 * ({@code fragments/context :: targetContext}). Absent (and not shown) only in test
 * slices that have no KMS settings.
 */
@ControllerAdvice
class ConsoleContextAdvice {

    static final String ATTRIBUTE = "consoleContext";

    private final @Nullable ConsoleContext context;

    ConsoleContextAdvice(ObjectProvider<KmsProperties> kms) {
        var properties = kms.getIfAvailable();
        this.context = properties == null ? null : ConsoleContext.of(properties);
    }

    @ModelAttribute(ATTRIBUTE)
    @Nullable ConsoleContext consoleContext() {
        return context;
    }

}
