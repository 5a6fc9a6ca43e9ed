package com.cksconsole.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for application tests over real HTTP (error pages, whole
 * flows): keeps cookies, does not follow redirects, and sends the CSRF token of the last
 * page it read, as a browser form would.
 */
public final class ConsoleHttpClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /**
     * What a browser asks for when it loads a page (it decides between the HTML and the
     * JSON error view).
     */
    private static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http;

    private final CookieManager cookies = new CookieManager();

    private final String base;

    private String csrfToken = "";

    private ConsoleHttpClient(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    public static ConsoleHttpClient anonymous(int port) {
        return new ConsoleHttpClient(port);
    }

    /** Signs in through the login form; fails unless the sign-in is accepted. */
    public static ConsoleHttpClient signedIn(int port, String username, String password) {
        var client = new ConsoleHttpClient(port);
        client.get("/login");
        var response = client.postForm("/login", Map.of("username", username, "password", password));
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in of " + username + " refused: " + response.statusCode());
        }
        return client;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", ACCEPT_HTML).GET().build());
    }

    /** Posts a form with the CSRF token of the last page read. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        var withToken = new LinkedHashMap<>(fields);
        withToken.putIfAbsent("_csrf", csrfToken);
        return postFormWithoutToken(path, withToken);
    }

    /** Posts a form exactly as given (no CSRF token added). */
    public HttpResponse<String> postFormWithoutToken(String path, Map<String, String> fields) {
        String body = fields.entrySet()
            .stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", ACCEPT_HTML)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    /**
     * Posts a form with a file input as a browser does ({@code multipart/form-data}), the
     * CSRF token of the last page read among the fields, in the body (never in the URL).
     */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField,
            String fileName, byte[] content) {
        var withToken = new LinkedHashMap<>(fields);
        withToken.putIfAbsent("_csrf", csrfToken);
        return postMultipartWithoutToken(path, withToken, fileField, fileName, content);
    }

    /** Posts a multipart form exactly as given (no CSRF token added). */
    public HttpResponse<String> postMultipartWithoutToken(String path, Map<String, String> fields, String fileField,
            String fileName, byte[] content) {
        String boundary = "----console-test-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/json\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", ACCEPT_HTML)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
    }

    /**
     * The value of a cookie the console set, for example the session ID
     * ({@code JSESSIONID}).
     */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore()
            .getCookies()
            .stream()
            .filter(cookie -> cookie.getName().equals(name))
            .map(HttpCookie::getValue)
            .findFirst();
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            var matcher = CSRF.matcher(response.body());
            if (matcher.find()) {
                csrfToken = matcher.group(1);
            }
            return response;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
