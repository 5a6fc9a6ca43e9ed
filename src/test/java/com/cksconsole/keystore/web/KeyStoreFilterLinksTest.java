package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cksconsole.support.TestTargets;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.support.Hrefs;

/**
 * The key store list's links that carry its filter give the server back exactly the
 * filter typed.
 */
class KeyStoreFilterLinksTest extends KeyStoreWebSliceTest {

    /** Every character with a meaning in a query string, and a space. */
    static final String RESERVED = "a+b & c#d%e/f?=g h";

    @Test
    void theRetryLinkAfterAKmsFailureKeepsTheFilterWithEveryReservedCharacterEncoded() throws Exception {
        given(reads.list(TestTargets.SANDBOX)).willThrow(new KmsCallException("DescribeCustomKeyStores",
                new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", null)));

        var page = mvc.get()
            .uri("/key-stores")
            .param("name", RESERVED)
            .param("type", "EXTERNAL_KEY_STORE")
            .with(user("viewer").roles("VIEWER"))
            .exchange();

        assertThat(page).hasStatus(503);
        String retry = Hrefs.withQuery(page.getResponse().getContentAsString(), KeyStoreListController.PATH);
        assertThat(Hrefs.query(retry)).isEqualTo(Map.of("name", RESERVED, "type", "EXTERNAL_KEY_STORE"));
        assertThat(retry).doesNotContain("+", " ", "#");
    }

    @Test
    void withoutAFilterTheRetryLinkIsTheBareList() {
        given(reads.list(TestTargets.SANDBOX)).willThrow(new KmsCallException("DescribeCustomKeyStores",
                new KmsFailure(KmsFailureKind.UNREACHABLE, "Unreachable", null)));

        assertThat(mvc.get().uri("/key-stores").with(user("viewer").roles("VIEWER"))).bodyText()
            .contains("href=\"/key-stores\">Retry</a>");
    }

}
