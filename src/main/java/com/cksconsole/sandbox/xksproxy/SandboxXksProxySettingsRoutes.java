package com.cksconsole.sandbox.xksproxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RenderingResponse;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

import com.cksconsole.proxyconfig.ImportMessage;
import com.cksconsole.proxyconfig.ProxyConfigurationImport;
import com.cksconsole.proxyconfig.ProxyConfigurationParser;
import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.SandboxSettings;
import com.cksconsole.sandbox.kms.SandboxKmsFaults;
import com.cksconsole.sandbox.xksproxy.SandboxProxyBehaviours.Driver;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;

/**
 * The sandbox proxy's settings, for custodians rehearsing a credential rotation and for
 * demonstrations: the page {@code GET} {@value SandboxSettings#PAGE} and the changes it
 * and scripts post. ADMIN only, under the console's sign-in and CSRF protection (outside
 * {@code /sandbox/**}, whose chain has neither). Functional routes, so that other
 * features' {@code @WebMvcTest} slices do not pick them up.
 *
 * <p>
 * The {@code POST}s answer plain text for scripts and tests, or, with {@code from=page},
 * redirect back to the page with a flash message; a form's errors come back next to its
 * fields, with what was typed except the secret.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandboxMode
class SandboxXksProxySettingsRoutes {

    /**
     * {@code POST} ({@code prefix}, {@code behaviour}): sets how the sandbox proxy
     * answers on a prefix now, over its schedule, or ({@code behaviour=configured})
     * returns it to its schedule and registrations.
     */
    static final String PATH = "/sandbox-settings/xks-proxy/behaviour";

    static final String CONFIGURED = "configured";

    /**
     * {@code POST} ({@code prefix}, {@code action} {@code add} or {@code remove},
     * {@code access-key-id}, and {@code secret-access-key} to add): the credentials the
     * sandbox proxy accepts on a prefix, as an operator changes them on a real proxy
     * during a rotation.
     */
    static final String CREDENTIALS_PATH = "/sandbox-settings/xks-proxy/credentials";

    /**
     * {@code POST} multipart ({@code file}, optional {@code prefix}): accepts the
     * credential of a proxy configuration file (the format the console imports) on the
     * prefix its XksProxyUriPath names.
     */
    static final String UPLOAD_PATH = "/sandbox-settings/xks-proxy/credentials/upload";

    static final String TEMPLATE = "sandbox/xks-proxy";

    private static final String ACCESS_KEY_ID = "access-key-id";

    private static final String SECRET = "secret-access-key";

    @Bean
    RouterFunction<ServerResponse> sandboxXksProxySettings(SandboxProxyBehaviours behaviours,
            SandboxProxyCredentials credentials, XksProxyRegistry registry, SandboxKmsFaults faults,
            ProxyConfigurationParser parser) {
        return RouterFunctions.route()
            .GET(SandboxSettings.PAGE, request -> page(request, registry, behaviours, credentials, faults))
            .POST(PATH, request -> set(behaviours, request))
            .POST(CREDENTIALS_PATH, request -> changeCredentials(credentials, request))
            .POST(UPLOAD_PATH, request -> upload(credentials, parser, request))
            .build();
    }

    /** One served prefix as the page shows it (never a secret). */
    record PrefixView(String prefix, String uriPath, String behaviour, String drivenBy, boolean scheduled,
            List<CredentialView> credentials) {
    }

    /** One credential a prefix accepts: its access key ID and where it comes from. */
    record CredentialView(String accessKeyId, boolean configured) {
    }

    private static ServerResponse page(ServerRequest request, XksProxyRegistry registry,
            SandboxProxyBehaviours behaviours, SandboxProxyCredentials credentials, SandboxKmsFaults faults) {
        SandboxSettings.requireAdministrator(request);
        var prefixes = new ArrayList<PrefixView>();
        for (String prefix : registry.prefixes()) {
            Set<String> configured = registry.forPrefix(prefix)
                .stream()
                .map(Registration::accessKeyId)
                .collect(Collectors.toSet());
            var accepted = credentials.accepted(prefix)
                .stream()
                .map(registration -> new CredentialView(registration.accessKeyId(),
                        configured.contains(registration.accessKeyId())))
                .toList();
            String drivenBy = switch (behaviours.drivenBy(prefix)) {
                case RUN_TIME -> "set at run time";
                case SCHEDULE -> "its schedule";
                case CONFIGURATION -> "its configuration";
            };
            prefixes.add(new PrefixView(prefix, prefix + XksProxyRegistry.API_PATH,
                    behaviours.current(prefix).map(SandboxXksProxySettingsRoutes::kebab).orElse(""), drivenBy,
                    behaviours.scheduled(prefix) && behaviours.drivenBy(prefix) != Driver.SCHEDULE, accepted));
        }
        var model = new LinkedHashMap<String, Object>();
        model.put("prefixes", prefixes);
        model.put("behaviourOptions",
                Arrays.stream(ProxyBehaviour.values()).map(SandboxXksProxySettingsRoutes::kebab).toList());
        model.put("faultErrors", SandboxKmsFaults.allowedErrors());
        model.put("faultMaxTimes", SandboxKmsFaults.MAX_TIMES);
        model.put("pendingFaults", faults.pending());
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request.servletRequest());
        if (flash != null) {
            model.putAll(flash);
        }
        model.putIfAbsent(SandboxSettings.ERRORS, Map.of());
        model.putIfAbsent(SandboxSettings.INPUT, Map.of());
        model.putIfAbsent(SandboxSettings.FAILED_FORM, "");
        return RenderingResponse.create(TEMPLATE).modelAttributes(model).build();
    }

    private static ServerResponse changeCredentials(SandboxProxyCredentials credentials, ServerRequest request) {
        SandboxSettings.requireAdministrator(request);
        boolean fromPage = SandboxSettings.fromPage(request);
        String prefix = request.param("prefix").orElse("");
        String accessKeyId = request.param(ACCESS_KEY_ID).orElse("").strip();
        String action = request.param("action").orElse("");
        if (action.equals("add")) {
            String secret = request.param(SECRET).orElse("").strip();
            var errors = new LinkedHashMap<String, String>();
            if (!XksProxyRegistry.ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
                errors.put(ACCESS_KEY_ID, "The access key ID must be 20-30 characters A-Z, 2-7");
            }
            if (!XksProxyRegistry.SECRET.matcher(secret).matches()) {
                errors.put(SECRET, "The secret must be 43-64 characters a-z A-Z 0-9 / + =");
            }
            if (errors.isEmpty()) {
                try {
                    credentials.add(prefix, accessKeyId, secret);
                }
                catch (IllegalArgumentException refused) {
                    // The messages name the prefix and access key ID, never the secret.
                    errors.put(ACCESS_KEY_ID, String.valueOf(refused.getMessage()));
                }
            }
            if (!errors.isEmpty()) {
                return fromPage
                        ? SandboxSettings.pageWithErrors(request, "add:" + prefix, errors,
                                Map.of(ACCESS_KEY_ID, accessKeyId))
                        : SandboxSettings.badRequest(String.join("\n", errors.values()));
            }
            String done = "Sandbox XKS proxy prefix '" + prefix + "' now accepts " + accessKeyId;
            return fromPage ? SandboxSettings.pageWithSuccess(request, done) : SandboxSettings.text(done);
        }
        if (action.equals("remove")) {
            try {
                boolean was = credentials.remove(prefix, accessKeyId);
                String done = "Sandbox XKS proxy prefix '" + prefix + "' "
                        + (was ? "no longer accepts " : "did not accept ") + accessKeyId;
                return fromPage ? SandboxSettings.pageWithSuccess(request, done) : SandboxSettings.text(done);
            }
            catch (IllegalArgumentException refused) {
                return fromPage
                        ? SandboxSettings.pageWithErrors(request, "remove:" + prefix,
                                Map.of(ACCESS_KEY_ID, String.valueOf(refused.getMessage())), Map.of())
                        : SandboxSettings.badRequest(String.valueOf(refused.getMessage()));
            }
        }
        return SandboxSettings.badRequest("action must be add or remove");
    }

    /**
     * The file's XksProxyUriPath names the prefix (the part before {@code /kms/xks/v1});
     * a prefix sent with the form must be that one, so that a file for another tenant is
     * not added where it was not meant to go.
     */
    private static ServerResponse upload(SandboxProxyCredentials credentials, ProxyConfigurationParser parser,
            ServerRequest request) throws IOException, ServletException {
        SandboxSettings.requireAdministrator(request);
        boolean fromPage = SandboxSettings.fromPage(request);
        String formPrefix = request.param("prefix").orElse("");
        String form = "upload:" + formPrefix;
        String contentType = request.servletRequest().getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return uploadRefused(request, fromPage, form, "Send the file as multipart/form-data, field 'file'");
        }
        Part file = request.multipartData().getFirst("file");
        if (file == null || file.getSubmittedFileName() == null || file.getSubmittedFileName().isEmpty()) {
            return uploadRefused(request, fromPage, form, "Choose a proxy configuration file to upload");
        }
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readAllBytes();
        }
        ProxyConfigurationImport imported = parser.parseUpload(file.getSubmittedFileName(), content);
        if (!(imported instanceof ProxyConfigurationImport.Accepted accepted)) {
            return uploadRefused(request, fromPage, form,
                    imported.problems().stream().map(ImportMessage::text).collect(Collectors.joining(" ")));
        }
        var values = accepted.acceptedValues();
        if (!values.uriPath().endsWith(XksProxyRegistry.API_PATH)) {
            return uploadRefused(request, fromPage, form, "The file's XksProxyUriPath must end in "
                    + XksProxyRegistry.API_PATH + ", the version the sandbox proxy serves");
        }
        String prefix = values.uriPath().substring(0, values.uriPath().length() - XksProxyRegistry.API_PATH.length());
        if (!formPrefix.isEmpty() && !formPrefix.equals(prefix)) {
            return uploadRefused(request, fromPage, form, "The file is for the prefix '" + prefix + "' (its "
                    + "XksProxyUriPath), not '" + formPrefix + "'; upload it in that prefix's form");
        }
        try {
            credentials.add(prefix, values.accessKeyId(), values.rawSecretAccessKey());
        }
        catch (IllegalArgumentException refused) {
            return uploadRefused(request, fromPage, form, String.valueOf(refused.getMessage()));
        }
        String done = "Sandbox XKS proxy prefix '" + prefix + "' now accepts " + values.accessKeyId()
                + " (from the proxy configuration file)";
        return fromPage ? SandboxSettings.pageWithSuccess(request, done) : SandboxSettings.text(done);
    }

    private static ServerResponse uploadRefused(ServerRequest request, boolean fromPage, String form, String message) {
        return fromPage ? SandboxSettings.pageWithErrors(request, form, Map.of("file", message), Map.of())
                : SandboxSettings.badRequest(message);
    }

    private static ServerResponse set(SandboxProxyBehaviours behaviours, ServerRequest request) {
        SandboxSettings.requireAdministrator(request);
        boolean fromPage = SandboxSettings.fromPage(request);
        String prefix = request.param("prefix").orElse("");
        String behaviour = request.param("behaviour").orElse("").strip().toLowerCase(Locale.ROOT);
        String form = "behaviour:" + prefix;
        try {
            if (behaviour.equals(CONFIGURED)) {
                behaviours.clear(prefix);
                String done = "Sandbox XKS proxy prefix '" + prefix + "' follows its configuration again";
                return fromPage ? SandboxSettings.pageWithSuccess(request, done) : SandboxSettings.text(done);
            }
            ProxyBehaviour chosen;
            try {
                chosen = ProxyBehaviour.valueOf(behaviour.replace('-', '_').toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException unknown) {
                String message = "behaviour must be one of the proxy behaviours (e.g. one-ekm-left) or " + CONFIGURED;
                return fromPage ? SandboxSettings.pageWithErrors(request, form, Map.of("behaviour", message), Map.of())
                        : SandboxSettings.badRequest(message);
            }
            behaviours.set(prefix, chosen);
            String done = "Sandbox XKS proxy prefix '" + prefix + "' now answers " + kebab(chosen);
            return fromPage ? SandboxSettings.pageWithSuccess(request, done) : SandboxSettings.text(done);
        }
        catch (IllegalArgumentException notServed) {
            return fromPage
                    ? SandboxSettings.pageWithErrors(request, form,
                            Map.of("behaviour", String.valueOf(notServed.getMessage())), Map.of())
                    : SandboxSettings.badRequest(String.valueOf(notServed.getMessage()));
        }
    }

    private static String kebab(ProxyBehaviour behaviour) {
        return behaviour.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

}
