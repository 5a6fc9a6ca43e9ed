package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.support.BrowserTest;

/**
 * A key store name of 256 characters without a space or any other place to break it wraps
 * inside its cell: on a 1366 px wide window the list's ID column keeps the whole ID on
 * one line and nothing overflows sideways. The store is created through the SDK in the
 * sandbox and deleted afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongNamesBrowserTest extends BrowserTest {

    /** 256 characters, letters and digits only: no break opportunity anywhere. */
    static final String LONG_NAME = ("FinanceHsmPrimary0123456789").repeat(10).substring(0, 256);

    @Autowired
    ApplicationContext context;

    private KmsClient kms;

    private String store;

    @BeforeAll
    void createTheStore() {
        kms = com.cksconsole.keystore.internal.KeyStoreServices.defaultClient(context);
        store = kms
            .createCustomKeyStore(r -> r.customKeyStoreName(LONG_NAME)
                .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                .xksProxyUriEndpoint("https://xks-lab.sandbox.example.com")
                .xksProxyUriPath("/output-encoding-test/kms/xks/v1")
                .xksProxyAuthenticationCredential(c -> c.accessKeyId("SANDBOXENCODINGKEYID23")
                    .rawSecretAccessKey("ZW5jb2RpbmctdGVzdC1zYW5kYm94LW5vdC1hLXJlYWwtc2VjcmV0")))
            .customKeyStoreId();
        context.getBean(KeyStoreReads.class).forgetSnapshot();
    }

    @AfterAll
    void deleteTheStore() {
        if (store != null) {
            kms.deleteCustomKeyStore(r -> r.customKeyStoreId(store));
            context.getBean(KeyStoreReads.class).forgetSnapshot();
        }
    }

    @Test
    void aLongNameWrapsInItsCellWithoutSqueezingTheIdColumnOrOverflowing() {
        driver.manage().window().setSize(new Dimension(1366, 900));
        signInAsAdmin();
        // The default account's own list (the list across targets adds a target column).
        driver.get(url("/t/default/key-stores"));
        var idCell = driver.findElement(By.xpath("//td[code[text()='" + store + "']]"));

        @SuppressWarnings("unchecked")
        var measured = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("""
                const cell = arguments[0], code = cell.querySelector('code');
                const wrap = cell.closest('.table-wrap');
                const range = document.createRange();
                range.selectNodeContents(code);
                return {
                  cellWidth: cell.clientWidth,
                  idTextWidth: range.getBoundingClientRect().width,
                  idLines: range.getClientRects().length,
                  wrapOverflow: wrap.scrollWidth - wrap.clientWidth,
                  pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth
                };""", idCell);

        assertThat(((Number) measured.get("idLines")).intValue()).as("the ID on one line").isEqualTo(1);
        assertThat(((Number) measured.get("cellWidth")).doubleValue()).as("the ID cell holds the whole ID")
            .isGreaterThanOrEqualTo(((Number) measured.get("idTextWidth")).doubleValue());
        assertThat(((Number) measured.get("wrapOverflow")).intValue()).as("the table needs no sideways scrolling")
            .isLessThanOrEqualTo(0);
        assertThat(((Number) measured.get("pageOverflow")).intValue()).as("the page needs no sideways scrolling")
            .isLessThanOrEqualTo(0);
        assertThat(driver.findElement(By.linkText(LONG_NAME)).getSize().getHeight()).as("the name wraps")
            .isGreaterThan(idCell.findElement(By.tagName("code")).getSize().getHeight());
        assertAccessible();
    }

}
