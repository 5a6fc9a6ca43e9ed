package testidp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A browser for the single-sign-on tests: one cookie jar across the console and the
 * identity provider, redirects followed only when asked (each hop can be inspected or
 * stopped at), forms submitted with their hidden fields (the CSRF token among them), as a
 * browser without JavaScript would.
 *
 * <p>
 * A typical sign-in, stopping before the console sees the provider's answer:
 *
 * <pre>{@code
 * var browser = new OidcBrowser();
 * var loginPage = browser.followRedirects(browser.get(URI.create(console + "/oauth2/authorization/test-idp")));
 * var callback = browser.followRedirectsUntil(browser.signInAtIdp(loginPage, "alice", "alice-password"),
 *         OidcBrowser::isCallback);
 * // callback.location() is http://127.0.0.1:<console>/login/oauth2/code/test-idp?code=...&state=...
 * var landed = browser.followRedirects(callback);
 * }</pre>
 */
public final class OidcBrowser {

    /**
     * Enough for the longest sign-in (console, provider, login page, provider, console,
     * page).
     */
    public static final int MAX_HOPS = 20;

    /**
     * What a browser asks for when it loads a page (the provider sends a browser that is
     * not signed in to its login page only for HTML).
     */
    private static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    private final CookieManager cookies = new CookieManager();

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final List<Hop> hops = new ArrayList<>();

    /** One response, with the URL it answered. */
    public record Response(String method, URI uri, int status, HttpHeaders headers, String body) {

        public boolean isRedirect() {
            return status >= 300 && status < 400 && headers.firstValue("Location").isPresent();
        }

        /** The redirect target, resolved against this response's URL. */
        public URI location() {
            return uri.resolve(headers.firstValue("Location")
                .orElseThrow(() -> new IllegalStateException(method + " " + uri + " is no redirect: " + status)));
        }

        @Override
        public String toString() {
            return method + " " + uri + " -> " + status + (isRedirect() ? " Location: " + location() : "");
        }

    }

    /** One request the browser made and what came back. */
    public record Hop(String method, URI uri, int status, @Nullable URI location) {
    }

    /** Loads a page (no redirect followed). */
    public Response get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", ACCEPT_HTML).GET().build());
    }

    /** Posts a form exactly as given (nothing added: no CSRF token). */
    public Response post(URI uri, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri)
            .header("Accept", ACCEPT_HTML)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(formEncoded(form)))
            .build());
    }

    /** Follows redirects, as a browser does, until a response that is none. */
    public Response followRedirects(Response response) {
        return followRedirectsUntil(response, location -> false);
    }

    /**
     * Follows redirects until one whose target matches, and returns that redirect without
     * following it (or the first response that is no redirect). With
     * {@link #isCallback(URI)} a test holds the provider's answer before the console sees
     * it, to change its {@code state} or replay its {@code code}.
     */
    public Response followRedirectsUntil(Response response, Predicate<URI> stopBefore) {
        var current = response;
        for (int hop = 0; current.isRedirect(); hop++) {
            if (stopBefore.test(current.location())) {
                return current;
            }
            if (hop == MAX_HOPS) {
                throw new IllegalStateException("more than " + MAX_HOPS + " redirects: " + hops);
            }
            current = get(current.location());
        }
        return current;
    }

    /** Whether a URL is a console's OpenID Connect callback. */
    public static boolean isCallback(URI uri) {
        return uri.getPath() != null && uri.getPath().startsWith("/login/oauth2/code/");
    }

    /**
     * Signs in on the provider's login page (username, password and its CSRF token) and
     * returns its answer, not followed: on success a redirect back to the authorization
     * request.
     */
    public Response signInAtIdp(Response loginPage, String username, String password) {
        return submitForm(loginPage, "/login", Map.of("username", username, "password", password));
    }

    /**
     * Submits the page's form whose action is this path, with its hidden fields (the CSRF
     * token) and the given ones.
     */
    public Response submitForm(Response page, String actionPath, Map<String, String> fields) {
        var matcher = FORM.matcher(page.body());
        while (matcher.find()) {
            var formAttributes = attributes(matcher.group(1));
            URI action = page.uri().resolve(formAttributes.getOrDefault("action", page.uri().getPath()));
            if (action.getPath().equals(actionPath)) {
                var form = new LinkedHashMap<String, String>();
                Matcher input = INPUT.matcher(matcher.group(2));
                while (input.find()) {
                    var inputAttributes = attributes(input.group(1));
                    if ("hidden".equalsIgnoreCase(inputAttributes.get("type")) && inputAttributes.containsKey("name")) {
                        form.put(inputAttributes.get("name"), inputAttributes.getOrDefault("value", ""));
                    }
                }
                form.putAll(fields);
                return post(action, form);
            }
        }
        throw new IllegalStateException("no form posting to " + actionPath + " on " + page.uri() + ":\n" + page.body());
    }

    /** The query parameters of a URL (the first value of each), decoded. */
    public static Map<String, String> query(URI uri) {
        var parameters = new LinkedHashMap<String, String>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            }
        }
        return parameters;
    }

    /**
     * The URL with these query parameters (encoded), for building or altering requests.
     */
    public static URI withQuery(URI uri, Map<String, String> parameters) {
        String base = uri.toString().replaceFirst("\\?.*$", "");
        return URI.create(parameters.isEmpty() ? base : base + "?" + formEncoded(parameters));
    }

    /** Every request so far, in order. */
    public List<Hop> hops() {
        return List.copyOf(hops);
    }

    /** A cookie's value, whichever server set it (cookies do not tell ports apart). */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore()
            .getCookies()
            .stream()
            .filter(cookie -> cookie.getName().equals(name))
            .map(HttpCookie::getValue)
            .findFirst();
    }

    private Response send(HttpRequest request) {
        try {
            var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            var response = new Response(request.method(), request.uri(), answer.statusCode(), answer.headers(),
                    answer.body());
            hops.add(new Hop(response.method(), response.uri(), response.status(),
                    response.isRedirect() ? response.location() : null));
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

    /** A form (or query) as {@code application/x-www-form-urlencoded}. */
    public static String formEncoded(Map<String, String> fields) {
        return fields.entrySet()
            .stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    private static Map<String, String> attributes(String tag) {
        var attributes = new LinkedHashMap<String, String>();
        Matcher matcher = ATTRIBUTE.matcher(tag);
        while (matcher.find()) {
            String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            attributes.putIfAbsent(matcher.group(1).toLowerCase(), unescape(value));
        }
        return attributes;
    }

    /** The character references HTML templates write into attribute values. */
    private static String unescape(String value) {
        return value.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#x3D;", "=")
            .replace("&#61;", "=")
            .replace("&amp;", "&");
    }

}
