package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;

/**
 * The list's filter never pretends: a type or state it does not offer is refused with the
 * reason next to its field (400, and KMS is not asked), instead of reading "Any state"
 * while filtering every store out.
 */
class KeyStoreFilterPagesTest extends KeyStoreWebSliceTest {

    @Test
    void anUnknownStateIsRefusedNextToTheStateFilterAndNothingIsListed() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED));
        assertThat(mvc.get().uri("/key-stores?state=BOGUS").with(user("viewer").roles("VIEWER"))).hasStatus(400)
            .bodyText()
            .contains("<p class=\"field__error\" id=\"filter-state-error\">“BOGUS” is not a connection state. "
                    + "Choose one from the list.</p>")
            .contains("aria-describedby=\"filter-state-error\"", "aria-invalid=\"true\"")
            .contains("Nothing is listed: the filter has a value the console does not know")
            .doesNotContain(">payments-hsm-dr<", "No key store matches the filter");
        verify(reads, never()).list(any(com.cksconsole.kms.KmsTarget.class));
    }

    @Test
    void anUnknownTypeIsRefusedNextToTheTypeFilter() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED));
        assertThat(mvc.get()
            .uri("/key-stores?type=AWS_CLOUDHSM_V2&state=DISCONNECTED")
            .with(user("viewer").roles("VIEWER"))).hasStatus(400)
            .bodyText()
            .contains("id=\"filter-type-error\">“AWS_CLOUDHSM_V2” is not a key store type.")
            .doesNotContain("filter-state-error");
    }

    @ParameterizedTest(name = "state={0}")
    @ValueSource(strings = { "connected", "UNKNOWN", "CONNECTED ", "<script>" })
    void aStateTheFormDoesNotOfferIsRefusedAsTyped(String state) {
        known(TestKeyStores.cloudHsm(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri("/key-stores").queryParam("state", state).with(user("viewer").roles("VIEWER")))
            .hasStatus(400)
            .bodyText()
            .contains("filter-state-error")
            .doesNotContain("<script>");
    }

    @Test
    void aLongRefusedValueIsQuotedShortened() {
        known();
        assertThat(
                mvc.get().uri("/key-stores").queryParam("state", "X".repeat(500)).with(user("viewer").roles("VIEWER")))
            .hasStatus(400)
            .bodyText()
            .contains("“" + "X".repeat(40) + "…”")
            .doesNotContain("X".repeat(41));
    }

    @Test
    void everyOfferedValueStillFilters() {
        known(TestKeyStores.cloudHsm(ConnectionState.DISCONNECTED), TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        for (var state : KeyStoreFilter.STATES) {
            assertThat(mvc.get().uri("/key-stores?state=" + state.name()).with(user("viewer").roles("VIEWER")))
                .as(state.name())
                .hasStatusOk()
                .bodyText()
                .doesNotContain("field__error");
        }
        assertThat(mvc.get().uri("/key-stores?type=EXTERNAL_KEY_STORE&state=").with(user("viewer").roles("VIEWER")))
            .hasStatusOk()
            .bodyText()
            .contains(">ekm-public-tenant-a<")
            .doesNotContain(">payments-hsm-dr<")
            .contains("<option value=\"EXTERNAL_KEY_STORE\" selected=\"selected\">");
    }

}
