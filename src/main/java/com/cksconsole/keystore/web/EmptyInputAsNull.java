package com.cksconsole.keystore.web;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;

/**
 * Binds an empty text input as null, which the key store forms read as "unchanged".
 * Deliberately does not trim: a password or name with spaces is the operator's to choose,
 * and KMS checks it as typed.
 */
final class EmptyInputAsNull extends PropertyEditorSupport {

    static void register(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new EmptyInputAsNull());
    }

    @Override
    public void setAsText(String text) {
        setValue(text == null || text.isEmpty() ? null : text);
    }

    @Override
    public String getAsText() {
        Object value = getValue();
        return value == null ? "" : value.toString();
    }

}
