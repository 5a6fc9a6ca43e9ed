package com.cksconsole.rotation.web;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;

/**
 * Binds an empty text input as null: a browser sends every field of a form, the empty
 * ones as "", and the rotation forms' optional fields ({@code @Pattern}, valid when null)
 * must read an empty field as "not given". Without it "Generate" with the empty "your
 * own" fields was refused. Deliberately does not trim, as the key store forms.
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
