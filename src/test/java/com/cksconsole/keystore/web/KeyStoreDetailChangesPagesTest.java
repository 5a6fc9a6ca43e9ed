package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.UpdateOutcome;
import com.cksconsole.kms.ConnectionState;

/**
 * The detail page's "What can be changed" per state and type (one sentence, a compact
 * table, Edit only when something can change, else the way out), the wording of a
 * transition per type, and the result of an applied change under the store's heading,
 * said once.
 */
class KeyStoreDetailChangesPagesTest extends KeyStoreWebSliceTest {

    private static final String EDIT_BUTTON = ">Edit this key store</a>";

    private static final String WAY_OUT = ">Disconnect it first…</a>";

    @Test
    void aConnectedExternalKeyStoreSaysWhatChangesNowAndWhatThroughAGuidedChangeAndOffersEdit() {
        var store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        known(store);

        assertThat(changesCard(store, operator()))
            .contains("<strong>CONNECTED: name, proxy URI path and proxy authentication credential now; the rest "
                    + "through a guided change.</strong>")
            .contains("<th scope=\"row\">Proxy URI endpoint</th>\n                    <td>DISCONNECTED</td>")
            .contains("badge--info\">Guided change</span>")
            .contains("badge--connected\">Now</span>")
            .contains(EDIT_BUTTON)
            .doesNotContain(WAY_OUT)
            .doesNotContain("Nothing can be changed");
    }

    @Test
    void aConnectedCloudHsmKeyStoreChangesEverythingThroughAGuidedChangeAndStillOffersEdit() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTED);
        known(store);

        assertThat(changesCard(store, operator()))
            .contains("<strong>CONNECTED: everything through a guided change.</strong>")
            .doesNotContain("badge--connected\">Now</span>")
            .contains(EDIT_BUTTON);
    }

    @Test
    void aFailedKeyStoreSaysOnceThatNothingChangesUntilItIsDisconnectedAndOffersThatInsteadOfEdit() {
        var store = TestKeyStores.xksPublic(ConnectionState.FAILED);
        known(store);

        String card = changesCard(store, operator());

        assertThat(card).contains("<strong>FAILED: nothing can change until you disconnect it.</strong>")
            .contains("href=\"/t/default/key-stores/" + store.id() + "/disconnect\"" + WAY_OUT)
            .doesNotContain(EDIT_BUTTON)
            .doesNotContain("KMS accepts a new");
        assertThat(Pattern.compile("Not now").matcher(card).results().count()).as("one short cell per property")
            .isEqualTo(7);
    }

    @Test
    void aConnectingKeyStoreOffersTheDisconnectAsTheWayOut() {
        var store = TestKeyStores.cloudHsm(ConnectionState.CONNECTING);
        known(store);

        assertThat(changesCard(store, operator()))
            .contains("CONNECTING: nothing can change until the connection attempt has ended, unless you "
                    + "disconnect it.")
            .contains(WAY_OUT)
            .doesNotContain(EDIT_BUTTON);
    }

    @Test
    void aDisconnectingKeyStoreOffersNeitherEditNorADisconnectButSaysThePageFollows() {
        var store = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        known(store);

        assertThat(changesCard(store, operator()))
            .contains("DISCONNECTING: nothing can change until it is DISCONNECTED.")
            .contains("This page follows the state and shows what can change once it has settled.")
            .doesNotContain(EDIT_BUTTON)
            .doesNotContain(WAY_OUT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnectionState.class, names = { "CONNECTED", "FAILED" })
    void viewersSeeTheSentenceButNoButton(ConnectionState state) {
        var store = TestKeyStores.xksPublic(state);
        known(store);

        assertThat(changesCard(store, user("victor").roles("VIEWER"))).contains("<strong>" + state.name() + ":")
            .doesNotContain(EDIT_BUTTON)
            .doesNotContain(WAY_OUT);
    }

    @Test
    void theConnectingNoticeOfAnExternalKeyStoreSpeaksOfItsFiveMinutesNotOfCloudHsm() {
        var xks = TestKeyStores.xksPublic(ConnectionState.CONNECTING);
        var hsm = TestKeyStores.cloudHsm(ConnectionState.CONNECTING);
        known(xks, hsm);

        assertThat(transitionNotice(xks)).contains("an external key store</span> takes <span>about five minutes")
            .doesNotContain("CloudHSM")
            .doesNotContain("20 minutes");
        assertThat(transitionNotice(hsm)).contains("a CloudHSM key store</span> takes <span>up to 20 minutes")
            .doesNotContain("external key store")
            .doesNotContain("five minutes");
    }

    @Test
    void theDisconnectingNoticeNamesADurationOnlyWhereKmsPublishesOne() {
        var xks = TestKeyStores.xksPublic(ConnectionState.DISCONNECTING);
        var hsm = TestKeyStores.cloudHsm(ConnectionState.DISCONNECTING);
        known(xks, hsm);

        assertThat(transitionNotice(xks)).contains("disconnecting an external key store takes\n")
            .contains("<span>about five minutes</span>");
        assertThat(transitionNotice(hsm)).doesNotContain("minutes");
    }

    @Test
    void theResultOfAnAppliedChangeIsUnderTheStoresHeadingAndSaidOnce() throws Exception {
        var before = TestKeyStores.xksPublic(ConnectionState.CONNECTED);
        var after = TestKeyStores.renamed(before, "ekm-renamed");
        known(after);

        String page = mvc.get()
            .uri("/t/default/key-stores/" + after.id())
            .with(operator())
            .flashAttr(KeyStoreDetailController.OUTCOME, new UpdateOutcome(before, after, Set.of(), "CHG-9"))
            .exchange()
            .getResponse()
            .getContentAsString();

        assertThat(page.indexOf("<h1>ekm-renamed</h1>")).isPositive()
            .isLessThan(page.indexOf("<h2 id=\"outcome-title\">KMS accepted the change</h2>"));
        assertThat(page).contains("<td>ekm-public-tenant-a</td>")
            .contains("<td>ekm-renamed</td>")
            .contains("Reason: <span>CHG-9</span>");
        assertThat(Pattern.compile("KMS accepted the change").matcher(page).results().count()).isEqualTo(1);
        assertThat(Pattern.compile("five minutes to take full effect").matcher(page).results().count()).isEqualTo(1);
    }

    private String changesCard(CustomKeyStore store, RequestPostProcessor who) {
        String page = page(store, who);
        int start = page.indexOf("<section class=\"card\" aria-labelledby=\"changes-title\">");
        return page.substring(start, page.indexOf("</section>", start));
    }

    private String transitionNotice(CustomKeyStore store) {
        String page = page(store, user("victor").roles("VIEWER"));
        int start = page.indexOf("aria-labelledby=\"transition-title\">");
        return page.substring(start, page.indexOf("</section>", start));
    }

    private String page(CustomKeyStore store, RequestPostProcessor who) {
        try {
            return mvc.get()
                .uri("/t/default/key-stores/" + store.id())
                .with(who)
                .exchange()
                .getResponse()
                .getContentAsString();
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestPostProcessor operator() {
        return user("olivia").roles("OPERATOR");
    }

}
