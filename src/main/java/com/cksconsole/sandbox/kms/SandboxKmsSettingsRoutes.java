package com.cksconsole.sandbox.kms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.SandboxSettings;

/**
 * {@code POST} {@value #FAULTS_PATH}: injects a KMS error into the sandbox
 * ({@code operation}, optional {@code key-store-id}, {@code error}, {@code times} 1-10)
 * or drops every pending one ({@code action=clear}); see {@link SandboxKmsFaults}. ADMIN
 * only, under the console's sign-in and CSRF protection; plain text answers, or the
 * settings page again for its own form ({@code from=page}). A functional route, so that
 * other features' {@code @WebMvcTest} slices do not pick it up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandboxMode
class SandboxKmsSettingsRoutes {

    static final String FAULTS_PATH = "/sandbox-settings/kms/faults";

    /** The page form's name in flash attributes. */
    static final String FORM = "faults";

    @Bean
    RouterFunction<ServerResponse> sandboxKmsSettings(SandboxKmsFaults faults) {
        return RouterFunctions.route().POST(FAULTS_PATH, request -> changeFaults(faults, request)).build();
    }

    private static ServerResponse changeFaults(SandboxKmsFaults faults, ServerRequest request) {
        SandboxSettings.requireAdministrator(request);
        boolean fromPage = SandboxSettings.fromPage(request);
        if (request.param("action").orElse("").equals("clear")) {
            faults.clear();
            String done = "No KMS fault is pending any more";
            return fromPage ? SandboxSettings.pageWithSuccess(request, done) : SandboxSettings.text(done);
        }
        String operation = request.param("operation").orElse("").strip();
        String keyStoreId = request.param("key-store-id").orElse("").strip();
        String error = request.param("error").orElse("").strip();
        String timesText = request.param("times").orElse("").strip();
        var input = Map.of("operation", operation, "key-store-id", keyStoreId, "error", error, "times", timesText);
        var errors = new LinkedHashMap<String, String>();
        List<String> allowed = SandboxKmsFaults.allowedErrors().get(operation);
        if (allowed == null) {
            errors.put("operation", "Choose one of " + String.join(", ", SandboxKmsFaults.allowedErrors().keySet()));
        }
        else if (!allowed.contains(error)) {
            errors.put("error", "The KMS API Reference lists no error '" + error + "' for " + operation
                    + "; choose one of " + String.join(", ", allowed));
        }
        int times = parseTimes(timesText);
        if (times < 1) {
            errors.put("times", "Enter a whole number from 1 to " + SandboxKmsFaults.MAX_TIMES);
        }
        if (errors.isEmpty()) {
            try {
                faults.inject(operation, keyStoreId.isEmpty() ? null : keyStoreId, error, times);
            }
            catch (IllegalArgumentException refused) {
                errors.put("key-store-id", String.valueOf(refused.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            return fromPage ? SandboxSettings.pageWithErrors(request, FORM, errors, input)
                    : SandboxSettings.badRequest(String.join("\n", errors.values()));
        }
        String done = "The next " + times + " " + operation + " call(s)"
                + (keyStoreId.isEmpty() ? "" : " for " + keyStoreId) + " answer " + error;
        return fromPage ? SandboxSettings.pageWithSuccess(request, done) : SandboxSettings.text(done);
    }

    /** 1-10, or -1 for anything else. */
    private static int parseTimes(String text) {
        if (!text.matches("[0-9]{1,2}")) {
            return -1;
        }
        int times = Integer.parseInt(text);
        return times >= 1 && times <= SandboxKmsFaults.MAX_TIMES ? times : -1;
    }

}
