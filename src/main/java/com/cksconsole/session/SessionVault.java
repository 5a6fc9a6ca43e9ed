package com.cksconsole.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.WebUtils;

/**
 * What a signed-in session keeps between requests that must never be readable from the
 * database alone: pending changes, imported secrets, create-wizard drafts. Sessions live
 * in the database (Spring Session JDBC), so that every console instance behind a load
 * balancer serves every request; each value kept here is serialized and encrypted with
 * AES-256-GCM under a key of this session that only the browser holds, in the
 * {@value #KEY_COOKIE} cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). Split
 * knowledge: the database holds ciphertext and a per-session salt, the browser the key;
 * neither alone reveals a secret. A request without the cookie (another browser with a
 * stolen session ID only, or a cleared cookie) finds nothing, as if the value had
 * expired.
 *
 * <p>
 * The session key is HMAC-SHA256(cookie key, session salt), so a browser that keeps its
 * cookie across sign-ins still gets a new key for each session. The value's name is the
 * GCM associated data: a value cannot be moved under another name. Reading a value
 * deserializes only the console's own classes, the JDK's and those of Spring MVC's flash
 * attributes (an {@link ObjectInputFilter}), and only after GCM authenticated it.
 *
 * <p>
 * {@link #useOnce} makes a one-use token one-use across instances: the first request to
 * record it wins.
 */
@Component
public class SessionVault {

    /** The cookie holding the browser's half: a 256-bit key, Base64url. */
    public static final String KEY_COOKIE = "CONSOLE_SESSION_KEY";

    private static final String SALT_ATTRIBUTE = SessionVault.class.getName() + ".salt";

    private static final String ISSUED_KEY = SessionVault.class.getName() + ".issuedKey";

    private static final int KEY_BYTES = 32;

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    /**
     * What may be read back: the console's and the JDK's classes, and the few Spring MVC
     * classes a redirect's flash attributes are made of (the flash map itself, and a
     * refused form's binding result with its errors).
     */
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config
        .createFilter("maxdepth=32;maxrefs=100000;maxbytes=4194304;com.cksconsole.**;java.**;"
                + "org.springframework.web.servlet.FlashMap;org.springframework.util.LinkedMultiValueMap;"
                + "org.springframework.util.MultiValueMapAdapter;jakarta.validation.constraints.*;"
                + "org.springframework.validation.**;org.springframework.context.support.DefaultMessageSourceResolvable;"
                + "!*");

    /** {@link #ALLOWED}, saying which class it refused. */
    private static final ObjectInputFilter CONSOLE_CLASSES_ONLY = info -> {
        var status = ALLOWED.checkInput(info);
        if (status == ObjectInputFilter.Status.REJECTED && info.serialClass() != null) {
            LoggerFactory.getLogger(SessionVault.class)
                .warn("A session value holds a class that is not read back: {}", info.serialClass().getName());
        }
        return status;
    };

    private static final Logger log = LoggerFactory.getLogger(SessionVault.class);

    private final SecureRandom random = new SecureRandom();

    private final JdbcClient jdbc;

    private final Clock clock;

    public SessionVault(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The value kept under {@code name}; empty when none, or when it cannot be opened.
     */
    public <T extends Serializable> Optional<T> read(HttpSession session, String name, Class<T> type) {
        var attributes = current();
        return read(attributes.getRequest(), session, name, type);
    }

    /**
     * Reads the value kept under {@code name} (or {@code empty}'s), lets {@code change}
     * change it, and keeps it again, encrypted. The value must be a fresh copy for every
     * call: it is what {@code change} may mutate.
     * @return {@code change}'s result
     */
    public <T extends Serializable, R> R update(HttpSession session, String name, Class<T> type, Supplier<T> empty,
            Function<T, R> change) {
        var attributes = current();
        return update(attributes.getRequest(), attributes.getResponse(), session, name, type, empty, change);
    }

    /**
     * Like {@link #read(HttpSession, String, Class)}, for callers that hold the request
     * themselves (Spring MVC's flash attributes, saved outside a handler in MockMvc
     * tests).
     */
    public <T extends Serializable> Optional<T> read(HttpServletRequest request, HttpSession session, String name,
            Class<T> type) {
        synchronized (WebUtils.getSessionMutex(session)) {
            return open(request, session, name, type);
        }
    }

    /**
     * Like {@link #update(HttpSession, String, Class, Supplier, Function)}, for callers
     * that hold the request and response themselves.
     */
    public <T extends Serializable, R> R update(HttpServletRequest request, @Nullable HttpServletResponse response,
            HttpSession session, String name, Class<T> type, Supplier<T> empty, Function<T, R> change) {
        synchronized (WebUtils.getSessionMutex(session)) {
            T value = open(request, session, name, type).orElseGet(empty);
            R result = change.apply(value);
            seal(request, response, session, name, value);
            return result;
        }
    }

    /**
     * Records the use of a one-use token until it would expire anyway.
     * @return true for exactly one caller per token, on every instance; false for a
     * second use (a double click, a replay, the same form sent to another instance)
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean useOnce(String token, Instant expiresAt) {
        try {
            jdbc.sql("insert into session_token_use (token_hash, expires_at_millis) values (?, ?)")
                .params(sha256(token), expiresAt.toEpochMilli())
                .update();
            return true;
        }
        catch (DuplicateKeyException used) {
            return false;
        }
    }

    /**
     * Forgets the records of used tokens that have expired: they can no longer be used.
     */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    public void purgeUsedTokens() {
        jdbc.sql("delete from session_token_use where expires_at_millis < ?").param(clock.millis()).update();
    }

    private static ServletRequestAttributes current() {
        return (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
    }

    private <T extends Serializable> Optional<T> open(HttpServletRequest request, HttpSession session, String name,
            Class<T> type) {
        var sealed = session.getAttribute(name);
        byte[] key = browserKey(request, null, false);
        byte[] salt = (byte[]) session.getAttribute(SALT_ATTRIBUTE);
        if (!(sealed instanceof Sealed value) || key == null || salt == null) {
            return Optional.empty();
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sessionKey(key, salt),
                    new GCMParameterSpec(TAG_BITS, value.bytes(), 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(value.bytes(), NONCE_BYTES, value.bytes().length - NONCE_BYTES);
            try (var in = new ObjectInputStream(new ByteArrayInputStream(plain))) {
                in.setObjectInputFilter(CONSOLE_CLASSES_ONLY);
                return Optional.of(type.cast(in.readObject()));
            }
            finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        catch (GeneralSecurityException e) {
            // Another browser's key, or a cookie cleared: as good as expired.
            return Optional.empty();
        }
        catch (IOException | ClassNotFoundException | ClassCastException e) {
            // Authentic, but not readable: a value of an older version of the console, or
            // a class the filter refuses (the filter names it). The exception's class
            // only:
            // its message may quote what was read (a record's constructor refusing its
            // input), and the value may hold a secret.
            log.warn("A session value '{}' could not be read ({})", name, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void seal(HttpServletRequest request, @Nullable HttpServletResponse response, HttpSession session,
            String name, Serializable value) {
        byte[] salt = (byte[]) session.getAttribute(SALT_ATTRIBUTE);
        if (salt == null) {
            salt = new byte[16];
            random.nextBytes(salt);
            session.setAttribute(SALT_ATTRIBUTE, salt);
        }
        byte[] key = Objects.requireNonNull(browserKey(request, response, true), "issued when missing");
        byte[] plain = serialize(value);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sessionKey(key, salt), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plain);
            session.setAttribute(name,
                    new Sealed(ByteBuffer.allocate(NONCE_BYTES + encrypted.length).put(nonce).put(encrypted).array()));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static SecretKeySpec sessionKey(byte[] browserKey, byte[] salt) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(browserKey, "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(salt), "AES");
    }

    /**
     * The browser's key from its cookie, or one issued in this request; with
     * {@code issue}, a new one when there is none, sent to the browser.
     */
    private byte @Nullable [] browserKey(HttpServletRequest request, @Nullable HttpServletResponse response,
            boolean issue) {
        if (request.getAttribute(ISSUED_KEY) instanceof byte[] issued) {
            return issued;
        }
        Cookie cookie = WebUtils.getCookie(request, KEY_COOKIE);
        if (cookie != null) {
            try {
                byte[] key = Base64.getUrlDecoder().decode(cookie.getValue());
                if (key.length == KEY_BYTES) {
                    return key;
                }
            }
            catch (IllegalArgumentException notBase64) {
                // Not a key this console issued: replaced below when one is needed.
            }
        }
        if (!issue) {
            return null;
        }
        if (response == null || response.isCommitted()) {
            throw new IllegalStateException("A session value can only be kept before the response is sent");
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        request.setAttribute(ISSUED_KEY, key);
        response.addHeader("Set-Cookie", keyCookie(Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                request.isSecure(), request.getContextPath()));
        return key;
    }

    /**
     * The cookie that carries the browser's key (empty value: the cookie that clears it).
     */
    static String keyCookie(String value, boolean secure, String contextPath) {
        return ResponseCookie.from(KEY_COOKIE, value)
            .httpOnly(true)
            .secure(secure)
            .sameSite("Strict")
            .path(contextPath.isEmpty() ? "/" : contextPath)
            .maxAge(value.isEmpty() ? 0 : -1)
            .build()
            .toString();
    }

    private static byte[] serialize(Serializable value) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot keep a " + value.getClass().getSimpleName() + " in the session", e);
        }
        return bytes.toByteArray();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the session row holds: nonce and ciphertext, nothing readable. */
    private record Sealed(byte[] bytes) implements Serializable {

        @Override
        public String toString() {
            return "Sealed[" + bytes.length + " bytes]";
        }

    }

}
