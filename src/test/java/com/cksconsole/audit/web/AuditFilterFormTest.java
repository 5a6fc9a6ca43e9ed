package com.cksconsole.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cksconsole.support.Hrefs;

/**
 * The audit search's links give the server back exactly the values typed, reserved
 * characters included.
 */
class AuditFilterFormTest {

    private static final String RESERVED = "a+b & c#d%e/f?=g h";

    private final AuditFilterForm form = new AuditFilterForm("2026-11-28T13:59", null, RESERVED, "SIGN_IN", "cks-1+2",
            null, null);

    @Test
    void thePageLinkEncodesEveryReservedCharacter() {
        String older = form.pageUrl("/audit", 42);

        assertThat(Hrefs.query(older)).isEqualTo(Map.of("from", "2026-11-28T13:59", "actor", RESERVED, "action",
                "SIGN_IN", "store", "cks-1+2", "before", "42"));
        assertThat(older).startsWith("/audit?").doesNotContain("+", " ", "#", "/f", "?=");
    }

    @Test
    void theExportQueryEncodesEveryReservedCharacter() {
        assertThat(Hrefs.query("/audit/export?format=csv&" + form.filterQuery())).containsEntry("actor", RESERVED)
            .containsEntry("store", "cks-1+2")
            .containsEntry("format", "csv");
    }

    @Test
    void anEmptySearchLinksToTheBarePage() {
        var empty = new AuditFilterForm(null, " ", null, "", null, null, null);

        assertThat(empty.url("/audit")).isEqualTo("/audit");
        assertThat(empty.filterQuery()).isEmpty();
    }

}
