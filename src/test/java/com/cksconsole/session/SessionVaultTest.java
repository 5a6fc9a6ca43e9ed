package com.cksconsole.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.cksconsole.support.MutableClock;
import com.cksconsole.support.SessionVaultFixture;

/**
 * Split knowledge: what the session keeps through the vault is readable only with the
 * browser's key, under the name it was kept, and only as the console's own classes.
 */
class SessionVaultTest {

    private static final String SECRET = "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

    private final SessionVault vault = SessionVaultFixture.vaultOnH2(clock);

    private final MockHttpSession session = new MockHttpSession();

    @AfterEach
    void unbind() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aKeptValueIsReadBackWithTheKeyTheBrowserWasGiven() {
        var first = browser(null);
        keep("secret", SECRET);
        String key = keyCookieValue(first);

        browser(key);
        assertThat(vault.read(session, "secret", HashMap.class))
            .hasValueSatisfying(value -> assertThat(value).containsEntry("secret", SECRET));
    }

    @Test
    void theKeyCookieIsHttpOnlyStrictAndSecureOverHttps() {
        var plain = browser(null);
        keep("a", "b");
        assertThat(plain.getHeader("Set-Cookie")).startsWith(SessionVault.KEY_COOKIE + "=")
            .contains("HttpOnly")
            .contains("SameSite=Strict")
            .contains("Path=/")
            .doesNotContain("Secure")
            .doesNotContain("Max-Age");

        var request = new MockHttpServletRequest();
        request.setSecure(true);
        var secure = bind(request);
        vault.update(new MockHttpSession(), "x", HashMap.class, HashMap::new, map -> map.put("a", "b"));
        assertThat(secure.getHeader("Set-Cookie")).contains("Secure");
    }

    @Test
    void withoutTheBrowsersKeyNothingCanBeRead() {
        browser(null);
        keep("secret", SECRET);

        browser(null);
        assertThat(vault.read(session, "secret", HashMap.class)).as("no key cookie").isEmpty();
        browser("A".repeat(43));
        assertThat(vault.read(session, "secret", HashMap.class)).as("another browser's key").isEmpty();
        browser("not base64 at all!");
        assertThat(vault.read(session, "secret", HashMap.class)).as("a key that is not one").isEmpty();
    }

    @Test
    void theSessionHoldsNoReadableSecret() throws Exception {
        browser(null);
        keep("secret", SECRET);

        for (String name : java.util.Collections.list(session.getAttributeNames())) {
            // What Spring Session JDBC writes to the database: each attribute serialized.
            var bytes = new ByteArrayOutputStream();
            try (var out = new ObjectOutputStream(bytes)) {
                out.writeObject(session.getAttribute(name));
            }
            assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).as(name)
                .doesNotContain(SECRET)
                .doesNotContain("HashMap");
        }
    }

    @Test
    void aValueMovedUnderAnotherNameCannotBeRead() {
        var first = browser(null);
        keep("secret", SECRET);
        browser(keyCookieValue(first));

        session.setAttribute("other", session.getAttribute("secret"));

        assertThat(vault.read(session, "other", HashMap.class)).isEmpty();
        assertThat(vault.read(session, "secret", HashMap.class)).isPresent();
    }

    @Test
    void aNewSessionGetsANewKeyEvenWithTheSameCookie() {
        var first = browser(null);
        keep("secret", SECRET);
        String key = keyCookieValue(first);
        browser(key);
        var other = new MockHttpSession();
        vault.update(other, "secret", HashMap.class, HashMap::new, map -> map.put("secret", SECRET));

        // The other session's value, copied into this one: its key differs (another
        // salt).
        session.setAttribute("secret", other.getAttribute("secret"));

        assertThat(vault.read(session, "secret", HashMap.class)).isEmpty();
    }

    @Test
    void onlyTheConsolesTheJdksAndTheFlashAttributesClassesAreRead() {
        var first = browser(null);
        var foreign = new SimpleGrantedAuthority("ROLE_ADMIN");
        vault.update(session, "foreign", HashMap.class, HashMap::new, map -> map.put("value", foreign));
        browser(keyCookieValue(first));

        assertThat(vault.read(session, "foreign", HashMap.class)).isEmpty();
    }

    @Test
    void aRedirectsFlashAttributesWithARefusedFormAndItsErrorsAreReadBack() {
        var first = browser(null);
        var form = new NameForm("typed");
        var errors = new org.springframework.validation.BeanPropertyBindingResult(form, "form");
        errors.rejectValue("name", "Size", new Object[] { 1, 256 }, "The name must be 1 to 256 characters long.");
        var flash = new org.springframework.web.servlet.FlashMap();
        flash.put("form", form);
        flash.put(org.springframework.validation.BindingResult.MODEL_KEY_PREFIX + "form", errors);
        flash.setTargetRequestPath("/t/default/key-stores");
        flash.addTargetRequestParam("page", "2");
        vault.update(session, "flash", java.util.ArrayList.class, java.util.ArrayList::new, maps -> maps.add(flash));
        browser(keyCookieValue(first));

        assertThat(vault.read(session, "flash", java.util.ArrayList.class)).hasValueSatisfying(maps -> {
            var read = (org.springframework.web.servlet.FlashMap) maps.get(0);
            assertThat(read.getTargetRequestPath()).isEqualTo("/t/default/key-stores");
            assertThat(((org.springframework.validation.BindingResult) read
                .get(org.springframework.validation.BindingResult.MODEL_KEY_PREFIX + "form")).getFieldError("name")
                .getDefaultMessage()).isEqualTo("The name must be 1 to 256 characters long.");
        });
    }

    @Test
    void aTokenIsUsedOnceOnly() {
        Instant until = clock.instant().plusSeconds(600);

        assertThat(vault.useOnce("token-1", until)).isTrue();
        assertThat(vault.useOnce("token-1", until)).isFalse();
        assertThat(vault.useOnce("token-2", until)).isTrue();
    }

    @Test
    void usedTokensAreForgottenOnceExpired() {
        vault.useOnce("token-1", clock.instant().plusSeconds(60));
        clock.advance(java.time.Duration.ofSeconds(61));

        vault.purgeUsedTokens();

        assertThat(vault.useOnce("token-1", clock.instant().plusSeconds(60))).isTrue();
    }

    /** A form as the console's are: a record. */
    record NameForm(String name) implements java.io.Serializable {
    }

    @SuppressWarnings("unchecked")
    private void keep(String name, String value) {
        vault.update(session, name, HashMap.class, HashMap::new, map -> map.put(name, value));
    }

    /** A request of the browser: with this key cookie, or none. */
    private MockHttpServletResponse browser(String key) {
        var request = new MockHttpServletRequest();
        if (key != null) {
            request.setCookies(new Cookie(SessionVault.KEY_COOKIE, key));
        }
        return bind(request);
    }

    private static MockHttpServletResponse bind(MockHttpServletRequest request) {
        var response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        return response;
    }

    private static String keyCookieValue(MockHttpServletResponse response) {
        String header = response.getHeader("Set-Cookie");
        assertThat(header).isNotNull();
        return header.substring(SessionVault.KEY_COOKIE.length() + 1).split(";", 2)[0];
    }

}
