package com.cksconsole.keystore.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * What a browser would submit for the first form of a page whose action contains a given
 * path: every input with its value (read-only ones included) and the selected option of
 * every enabled select.
 */
final class HtmlForm {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL);

    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>", Pattern.DOTALL);

    private static final Pattern SELECT = Pattern.compile("<select([^>]*)>(.*?)</select>", Pattern.DOTALL);

    private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]*)\" selected", Pattern.DOTALL);

    private HtmlForm() {
    }

    static Map<String, String> read(String html, String actionContains) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            if (form.group(1).contains(actionContains)) {
                return fields(form.group(2));
            }
        }
        throw new AssertionError("no form with action containing " + actionContains);
    }

    /** As {@link #read}, for the form whose action is exactly {@code action}. */
    static Map<String, String> readExact(String html, String action) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            if (form.group(1).equals(action)) {
                return fields(form.group(2));
            }
        }
        throw new AssertionError("no form with action " + action);
    }

    static String action(String html, String actionContains) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            if (form.group(1).contains(actionContains)) {
                return form.group(1);
            }
        }
        throw new AssertionError("no form with action containing " + actionContains);
    }

    private static Map<String, String> fields(String body) {
        var fields = new LinkedHashMap<String, String>();
        Matcher input = INPUT.matcher(body);
        while (input.find()) {
            String name = attribute(input.group(1), "name");
            if (name != null && !name.equals("_csrf")) {
                String value = attribute(input.group(1), "value");
                fields.put(name, value == null ? "" : HtmlUtils.htmlUnescape(value));
            }
        }
        Matcher select = SELECT.matcher(body);
        while (select.find()) {
            String name = attribute(select.group(1), "name");
            if (name != null && !select.group(1).contains("disabled")) {
                Matcher selected = SELECTED.matcher(select.group(2));
                fields.put(name, selected.find() ? selected.group(1) : "");
            }
        }
        return fields;
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

}
