package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialChange;
import com.cksconsole.keystore.ProxyCredentialChange.Source;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/**
 * The store page of an external key store shows its proxy credential: access key ID, age
 * against the target's rotation policy, and "Rotate now" for who may change the store,
 * emphasised once the credential is older than the policy.
 */
class ProxyCredentialAgePagesTest extends KeyStoreWebSliceTest {

    private static final String ROTATE_HREF = "/rotations/new\">Rotate now</a>";

    private final CustomKeyStore store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

    private void aged(Duration age, Source source) {
        known(store);
        var ref = TestTargets.ref(store.id());
        given(credentialAges.age(ref)).willReturn(new ProxyCredentialAge(ref,
                new ProxyCredentialChange(ref, "SANDBOXTENANTAKEYID234", NOW.minus(age), source), 90, NOW));
    }

    private String section(RequestPostProcessor who) {
        String body = assertThat(mvc.get().uri("/t/default/key-stores/" + store.id()).with(who)).hasStatusOk()
            .bodyText()
            .actual();
        int start = body.indexOf("id=\"proxy-credential\"");
        assertThat(start).as("the proxy credential section").isPositive();
        return body.substring(start, body.indexOf("</section>", start));
    }

    @Test
    void anOperatorSeesTheAgeThePolicyAndRotateNow() {
        aged(Duration.ofDays(41), Source.CONSOLE);

        assertThat(section(operator())).contains("data-credential-overdue=\"false\"")
            .contains("<code>SANDBOXTENANTAKEYID234</code>")
            .contains("data-credential-age>41 days (policy 90 days)</dd>")
            .contains("data-credential-policy>every 90 days (set on the target)</dd>")
            .contains("class=\"button button--secondary\" data-rotate-now")
            .contains("href=\"/t/default/key-stores/" + store.id() + ROTATE_HREF)
            .doesNotContain("alert--warning");
    }

    @Test
    void rotateNowIsEmphasisedOnceTheCredentialIsOlderThanThePolicy() {
        aged(Duration.ofDays(91), Source.CONSOLE);

        assertThat(section(operator())).contains("data-credential-overdue=\"true\"")
            .contains("data-credential-age>91 days (policy 90 days)</dd>")
            .contains("alert alert--warning")
            .contains("class=\"button\" data-rotate-now");
    }

    @Test
    void exactlyThePolicysAgeIsNotOverdue() {
        aged(Duration.ofDays(90), Source.CONSOLE);

        assertThat(section(operator())).contains("data-credential-overdue=\"false\"");
    }

    @Test
    void aChangeOutsideTheConsoleSaysSo() {
        aged(Duration.ofDays(3), Source.OBSERVED);

        assertThat(section(operator()))
            .contains("data-credential-age>changed outside the console, first seen 3 days ago (policy 90 days)</dd>");
    }

    @Test
    void aViewerSeesTheAgeButNoRotateNow() {
        aged(Duration.ofDays(120), Source.CONSOLE);

        assertThat(section(user("vera").roles("VIEWER"))).contains("data-credential-age>120 days (policy 90 days)")
            .doesNotContain("Rotate now");
    }

    @Test
    void aCloudHsmKeyStoreHasNoProxyCredential() {
        var hsm = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);
        known(hsm);

        assertThat(mvc.get().uri("/t/default/key-stores/" + hsm.id()).with(operator())).hasStatusOk()
            .bodyText()
            .doesNotContain("proxy-credential")
            .doesNotContain("Rotate now");
    }

    private static RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

}
