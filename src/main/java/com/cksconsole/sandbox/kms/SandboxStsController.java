package com.cksconsole.sandbox.kms;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.kms.SandboxCredentials.Principal;
import com.cksconsole.sandbox.kms.StsRoles.KnownRole;

/**
 * The STS-compatible endpoint: {@code POST /sandbox/sts}, AWS Query protocol
 * (form-encoded {@code Action=...&Version=2011-06-15}, XML answers), SigV4 with service
 * {@code sts}. It serves AssumeRole for the roles in {@code console.sandbox.roles} and
 * GetCallerIdentity (AWS STS API Reference, "AssumeRole", "GetCallerIdentity", "Common
 * Errors"). The issued credentials work at {@code /sandbox/kms} in the role's account.
 */
@Controller
@ConditionalOnSandboxMode
class SandboxStsController {

    private static final String VERSION = "2011-06-15";

    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SandboxStsController.class);

    private final SigV4Authenticator authenticator;

    private final StsRoles roles;

    private final StsSessions sessions;

    private final Clock clock;

    SandboxStsController(@Qualifier("sandboxStsSigV4Authenticator") SigV4Authenticator authenticator, StsRoles roles,
            StsSessions sessions, Clock clock) {
        this.clock = clock;
        this.authenticator = authenticator;
        this.roles = roles;
        this.sessions = sessions;
    }

    @PostMapping({ "/sandbox/sts", "/sandbox/sts/" })
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String action = "?";
        ServerDate.set(response, clock);
        try {
            byte[] body = readBody(request);
            Principal caller;
            try {
                caller = authenticator.authenticate(request, body).principal();
            }
            catch (KmsError error) {
                throw StsError.of(error);
            }
            Map<String, String> parameters = form(body);
            action = String.valueOf(parameters.get("Action"));
            String version = parameters.get("Version");
            String result = switch (VERSION.equals(version) ? action : "") {
                case "AssumeRole" -> assumeRole(caller, parameters);
                case "GetCallerIdentity" -> callerIdentity(caller);
                default -> throw new StsError("InvalidAction", 400, "Could not find operation " + action
                        + " for version " + (version == null ? "NO_VERSION_SPECIFIED" : version));
            };
            log.debug("{} {}: OK", requestId, action);
            write(response, 200,
                    "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result + "</"
                            + action + "Result><ResponseMetadata><RequestId>" + requestId
                            + "</RequestId></ResponseMetadata></" + action + "Response>");
        }
        catch (StsError error) {
            log.debug("{} {}: {}", requestId, action, error.code());
            writeError(response, requestId, error);
        }
        catch (RuntimeException unexpected) {
            log.error("{} {} failed", requestId, action, unexpected);
            writeError(response, requestId, StsError.of(KmsError.internal()));
        }
    }

    private String assumeRole(Principal caller, Map<String, String> parameters) {
        String roleArn = parameters.get("RoleArn");
        String sessionName = parameters.get("RoleSessionName");
        String externalId = parameters.get("ExternalId");
        Integer duration = validate(roleArn, sessionName, parameters.get("DurationSeconds"), externalId);
        String arn = Objects.requireNonNull(roleArn);
        // An unknown role is refused like an untrusted caller: STS does not tell whether
        // a role exists.
        KnownRole role = roles.find(arn)
            .filter(found -> found.trusts(caller.accountId()))
            .filter(found -> Objects.equals(found.externalId(), externalId))
            .orElseThrow(() -> StsError.accessDenied(caller.arn(), arn));
        int seconds = duration == null ? StsLimits.DURATION_DEFAULT : duration;
        if (seconds > role.maxSessionDuration().toSeconds()) {
            throw StsError
                .validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this " + "role.");
        }
        if (caller.temporary() && seconds > StsLimits.CHAINED_DURATION_MAX) {
            throw StsError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles "
                    + "assumed by role chaining.");
        }
        String name = Objects.requireNonNull(sessionName);
        String assumedArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + name;
        Principal session = sessions.issue(role.accountId(), assumedArn, Duration.ofSeconds(seconds));
        return "<Credentials><AccessKeyId>" + session.accessKeyId() + "</AccessKeyId><SecretAccessKey>"
                + session.secretAccessKey() + "</SecretAccessKey><SessionToken>" + session.sessionToken()
                + "</SessionToken><Expiration>"
                + DateTimeFormatter.ISO_INSTANT.format(Objects.requireNonNull(session.expiration()))
                + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>" + role.roleId() + ":" + xml(name)
                + "</AssumedRoleId><Arn>" + xml(assumedArn) + "</Arn></AssumedRoleUser>";
    }

    private static String callerIdentity(Principal caller) {
        return "<Arn>" + xml(caller.arn()) + "</Arn><UserId>" + caller.accessKeyId() + "</UserId><Account>"
                + caller.accountId() + "</Account>";
    }

    /**
     * The model's constraints, reported together as STS does; returns DurationSeconds if
     * given.
     */
    private static @Nullable Integer validate(@Nullable String roleArn, @Nullable String sessionName,
            @Nullable String durationSeconds, @Nullable String externalId) {
        List<String> errors = new ArrayList<>();
        if (roleArn == null) {
            errors.add("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        }
        else {
            length(errors, "roleArn", roleArn, StsLimits.ROLE_ARN_MIN, StsLimits.ROLE_ARN_MAX);
            pattern(errors, "roleArn", roleArn, StsLimits.ROLE_ARN_CHARACTERS.matcher(roleArn).matches(),
                    "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+");
        }
        if (sessionName == null) {
            errors.add("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        }
        else {
            length(errors, "roleSessionName", sessionName, StsLimits.ROLE_SESSION_NAME_MIN,
                    StsLimits.ROLE_SESSION_NAME_MAX);
            pattern(errors, "roleSessionName", sessionName, StsLimits.ROLE_SESSION_NAME.matcher(sessionName).matches(),
                    "[\\w+=,.@-]*");
        }
        Integer duration = null;
        if (durationSeconds != null) {
            try {
                duration = Integer.valueOf(durationSeconds);
                if (duration < StsLimits.DURATION_MIN) {
                    errors.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member "
                            + "must have value greater than or equal to " + StsLimits.DURATION_MIN);
                }
                else if (duration > StsLimits.DURATION_MAX) {
                    errors.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member "
                            + "must have value less than or equal to " + StsLimits.DURATION_MAX);
                }
            }
            catch (NumberFormatException e) {
                errors.add("Value '" + shortened(durationSeconds) + "' at 'durationSeconds' failed to satisfy "
                        + "constraint: Member must be an integer");
            }
        }
        if (externalId != null) {
            length(errors, "externalId", externalId, StsLimits.EXTERNAL_ID_MIN, StsLimits.EXTERNAL_ID_MAX);
            pattern(errors, "externalId", externalId, StsLimits.EXTERNAL_ID_CHARACTERS.matcher(externalId).matches(),
                    "[\\w+=,.@:\\/-]*");
        }
        if (!errors.isEmpty()) {
            throw StsError.validation(errors.size() + " validation error" + (errors.size() == 1 ? "" : "s")
                    + " detected: " + String.join("; ", errors));
        }
        return duration;
    }

    private static void length(List<String> errors, String member, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            errors.add("Value '" + shortened(value) + "' at '" + member + "' failed to satisfy constraint: Member must "
                    + "have length greater than or equal to " + min);
        }
        else if (length > max) {
            errors.add("Value '" + shortened(value) + "' at '" + member + "' failed to satisfy constraint: Member must "
                    + "have length less than or equal to " + max);
        }
    }

    private static void pattern(List<String> errors, String member, String value, boolean matches, String regex) {
        if (!matches) {
            errors.add("Value '" + shortened(value) + "' at '" + member + "' failed to satisfy constraint: Member must "
                    + "satisfy regular expression pattern: " + regex);
        }
    }

    /**
     * Values echoed in messages are cut short: a 2 KB ARN would only bloat the answer.
     */
    private static String shortened(String value) {
        return value.length() > 128 ? value.substring(0, 128) + "..." : value;
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> parameters = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            }
            catch (IllegalArgumentException e) {
                throw new StsError("MalformedQueryString", 400, "The query string is malformed.");
            }
        }
        return parameters;
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new StsError("RequestEntityTooLarge", 413,
                        "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            }
            return body;
        }
    }

    private static void writeError(HttpServletResponse response, String requestId, StsError error) throws IOException {
        write(response, error.httpStatus(),
                "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + error.faultType() + "</Type><Code>"
                        + error.code() + "</Code><Message>" + xml(error.getMessage()) + "</Message></Error><RequestId>"
                        + requestId + "</RequestId></ErrorResponse>");
    }

    private static void write(HttpServletResponse response, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/xml;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String xml(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&apos;");
    }

}
