package com.cksconsole.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/** The links of a page and what the server reads from their query strings. */
public final class Hrefs {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    private Hrefs() {
    }

    /**
     * Every {@code href} of the page, as the browser reads it (HTML entities decoded).
     */
    public static List<String> of(String html) {
        return HREF.matcher(html).results().map(match -> HtmlUtils.htmlUnescape(match.group(1))).toList();
    }

    /** The first link whose path is {@code path} and that has a query string. */
    public static String withQuery(String html, String path) {
        return of(html).stream()
            .filter(href -> href.startsWith(path + "?"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no link to " + path + "?... in the page"));
    }

    /**
     * The query parameters of a link decoded as the servlet container decodes them
     * ({@code +} is a space, {@code %XX} a UTF-8 byte); a parameter given twice keeps its
     * first value.
     */
    public static Map<String, String> query(String href) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int start = href.indexOf('?');
        if (start < 0) {
            return parameters;
        }
        for (String pair : href.substring(start + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

}
