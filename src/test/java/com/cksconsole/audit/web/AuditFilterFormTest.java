package com.cksconsole.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.cksconsole.audit.AuditTargetValues;
import com.cksconsole.support.Hrefs;

/**
 * The audit search's links give the server back exactly the values typed, reserved
 * characters included.
 */
class AuditFilterFormTest {

    private static final AuditTargetValues KNOWN = new AuditTargetValues(List.of("111122223333", "444455556667"),
            List.of("eu-west-1", "us-east-1"));

    private static final String RESERVED = "a+b & c#d%e/f?=g h";

    private final AuditFilterForm form = new AuditFilterForm("2026-11-28T13:59", null, RESERVED, "SIGN_IN", "cks-1+2",
            null, "111122223333", "eu-west-1", null);

    @Test
    void thePageLinkEncodesEveryReservedCharacter() {
        String older = form.pageUrl("/audit", 42);

        assertThat(Hrefs.query(older)).isEqualTo(Map.of("from", "2026-11-28T13:59", "actor", RESERVED, "action",
                "SIGN_IN", "store", "cks-1+2", "account", "111122223333", "region", "eu-west-1", "before", "42"));
        assertThat(older).startsWith("/audit?").doesNotContain("+", " ", "#", "/f", "?=");
    }

    @Test
    void theExportQueryEncodesEveryReservedCharacter() {
        assertThat(Hrefs.query("/audit/export?format=csv&" + form.filterQuery())).containsEntry("actor", RESERVED)
            .containsEntry("store", "cks-1+2")
            .containsEntry("format", "csv");
    }

    @Test
    void anAccountAndRegionTheLogNamesFilterTheSearch() {
        var parsed = form.parse(KNOWN);

        assertThat(parsed.fieldErrors()).isEmpty();
        assertThat(parsed.filter().accountId()).isEqualTo("111122223333");
        assertThat(parsed.filter().region()).isEqualTo("eu-west-1");
    }

    @Test
    void aMalformedOrUnknownAccountOrRegionIsRefusedNextToItsField() {
        var malformed = new AuditFilterForm(null, null, null, null, null, null, "1111' or 1=1", "Mars-1", null)
            .parse(KNOWN);
        assertThat(malformed.fieldErrors()).containsOnlyKeys("account", "region");
        assertThat(malformed.fieldErrors().get("account")).contains("12 digits");
        assertThat(malformed.fieldErrors().get("region")).contains("not the name of an AWS Region");

        var unknown = new AuditFilterForm(null, null, null, null, null, null, "444455556666", "ap-south-1", null)
            .parse(KNOWN);
        assertThat(unknown.fieldErrors()).containsOnlyKeys("account", "region");
        assertThat(unknown.fieldErrors().get("account")).contains("No audit event names the account 444455556666");
    }

    @Test
    void anEmptySearchLinksToTheBarePage() {
        var empty = new AuditFilterForm(null, " ", null, "", null, null, "", null, null);

        assertThat(empty.url("/audit")).isEqualTo("/audit");
        assertThat(empty.filterQuery()).isEmpty();
    }

}
