package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.cksconsole.support.ConsoleHttpClient;

/**
 * The edit, review and apply flow over real HTTP, as a browser submits the forms (values
 * read from the pages themselves). Keeps every page body it received, for tests that
 * search them.
 */
final class ConsoleFlows {

    private final ConsoleHttpClient console;

    private final List<String> pages = new ArrayList<>();

    /** Where the target's key store pages are: {@code /t/{target}/key-stores/}. */
    private final String base;

    ConsoleFlows(ConsoleHttpClient console) {
        this(console, "default");
    }

    /** The flow on the stores of another target than the sandbox's default one. */
    ConsoleFlows(ConsoleHttpClient console, String target) {
        this.console = console;
        this.base = "/t/" + target + "/key-stores/";
    }

    List<String> pages() {
        return List.copyOf(pages);
    }

    HttpResponse<String> get(String path) {
        return keep(console.get(path));
    }

    /** Edit, review and apply; returns the detail page the console redirects to. */
    HttpResponse<String> apply(String id, String kind, String reason, String... changes) {
        String review = submit(id, kind, changes);
        assertThat(get(review).statusCode()).isEqualTo(200);
        var applied = confirm(review, reason);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
        assertThat(applied.headers().firstValue("Location").orElseThrow()).endsWith(base + id);
        var detail = get(base + id);
        assertThat(detail.statusCode()).isEqualTo(200);
        return detail;
    }

    /**
     * Edit, review and apply, for a change KMS or the console refuses: returns the page
     * after applying.
     */
    HttpResponse<String> applyRefused(String id, String kind, String... changes) {
        String review = submit(id, kind, changes);
        get(review);
        return confirm(review, "");
    }

    /** Submits the edit form and returns the review page's path. */
    String submit(String id, String kind, String... changes) {
        var response = post(id, kind, changes);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf(base));
    }

    /** Submits the edit form as prefilled, with some fields changed. */
    HttpResponse<String> post(String id, String kind, String... changes) {
        var editPage = get(base + id + "/edit");
        assertThat(editPage.statusCode()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>(HtmlForm.read(editPage.body(), "/edit/" + kind));
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return keep(console.postForm(base + id + "/edit/" + kind, fields));
    }

    /**
     * Imports a proxy configuration file through the edit form as prefilled (with some
     * fields changed first), as a browser posts it: multipart, the whole form,
     * {@code then} = {@code edit} or {@code review}.
     */
    HttpResponse<String> importFile(String id, String then, String fileName, byte[] content, String... changes) {
        var editPage = get(base + id + "/edit");
        assertThat(editPage.statusCode()).isEqualTo(200);
        var fields = formOf(editPage.body(), changes);
        fields.put("then", then);
        return keep(console.postMultipart(base + id + "/edit/import", fields, XksImports.FILE, fileName, content));
    }

    /**
     * Posts the XKS form of a page as shown (after an import: with its handle) to one of
     * the edit actions.
     */
    HttpResponse<String> submitShown(String page, String id, String action, String... changes) {
        return keep(console.postForm(base + id + "/edit/" + action, formOf(page, changes)));
    }

    private static Map<String, String> formOf(String page, String... changes) {
        Map<String, String> fields = new LinkedHashMap<>(HtmlForm.read(page, "/edit/xks"));
        fields.remove(XksImports.FILE);
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return fields;
    }

    /** Posts a form of the console (with the CSRF token of the last page read). */
    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return keep(console.postForm(path, fields));
    }

    /** Confirms a review with a reason. */
    HttpResponse<String> confirm(String review, String reason) {
        return confirm(review, reason, null);
    }

    /**
     * Confirms a review with a reason, and a reason for going on despite a failed XKS
     * pre-flight check.
     */
    HttpResponse<String> confirm(String review, String reason, String overrideReason) {
        var page = get(review);
        // The review page may also hold the XKS pre-flight form: take the form that
        // applies the change.
        var fields = new LinkedHashMap<>(HtmlForm.readExact(page.body(), review));
        fields.put("reason", reason);
        if (overrideReason != null) {
            fields.put("overrideReason", overrideReason);
        }
        return keep(console.postForm(review, fields));
    }

    /**
     * Reads a page (for its CSRF token, as a browser has it), then posts a form from it
     * to {@code path}.
     */
    HttpResponse<String> postOn(String page, String path, Map<String, String> fields) {
        get(page);
        return keep(console.postForm(path, fields));
    }

    /**
     * Runs the review page's XKS pre-flight check with the current secret access key;
     * returns the review page.
     */
    HttpResponse<String> checkProxy(String review, String currentSecret) {
        get(review);
        var checked = keep(console.postForm(review + "/preflight", Map.of("currentSecret", currentSecret)));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(302);
        return get(review);
    }

    private HttpResponse<String> keep(HttpResponse<String> response) {
        pages.add(response.body());
        return response;
    }

}
