package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.cksconsole.health.HealthHistory.StateSpan;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.web.HealthHistories.Figures;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/** The figures behind each graph as a table and as CSV. */
class HealthTableTest {

    private static final KeyStoreRef STORE = HealthHistories.ref("cks-2d9c6a1f8e4b7035c");

    @Test
    void theLatencyCsvHasAHeaderRowAndOneRowPerBucketWithIsoUtcTimes() {
        var history = HealthHistories.of(STORE, HealthWindow.HOUR,
                i -> i == 0 ? new Figures(3, 3, 40, 120, 2, 0, 0) : null, List.of());
        String[] lines = HealthTable.of(HealthGraph.LATENCY, history).csv().split("\r\n");
        assertThat(lines).hasSize(1 + HealthWindow.HOUR.buckets());
        assertThat(lines[0]).isEqualTo("bucket_start,bucket_end,samples,p50_ms,p99_ms,max_ms");
        assertThat(lines[1]).isEqualTo("2026-03-01T11:00:00Z,2026-03-01T11:01:00Z,3,40,120,120");
        // A bucket without samples: its figures are empty, not 0.
        assertThat(lines[2]).isEqualTo("2026-03-01T11:01:00Z,2026-03-01T11:02:00Z,0,,,");
    }

    @Test
    void availabilityIsAPercentWithOneDecimal() {
        var history = HealthHistories.of(STORE, HealthWindow.HOUR, i -> new Figures(3, 2, 40, 120, 2, 0, 0), List.of());
        var table = HealthTable.of(HealthGraph.AVAILABILITY, history);
        assertThat(table.header()).containsExactly("bucket_start", "bucket_end", "samples", "healthy",
                "availability_percent");
        assertThat(table.rows().get(0)).endsWith("3", "2", "66.7");
    }

    @Test
    void theStateTableListsEachStretchWithAnOpenEnd() {
        var since = HealthHistories.NOW.minusSeconds(600);
        var history = HealthHistories.of(STORE, HealthWindow.HOUR, i -> null,
                List.of(new StateSpan(ConnectionState.FAILED, "NETWORK_ERRORS", since, null)));
        assertThat(HealthTable.of(HealthGraph.STATE, history).csv())
            .isEqualTo("since,until,state,connection_error_code\r\n2026-03-01T11:50:00Z,,FAILED,NETWORK_ERRORS\r\n");
    }

    @Test
    void aFieldWithACommaOrQuoteIsQuoted() {
        assertThat(HealthTable.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(HealthTable.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void aFieldASpreadsheetWouldRunIsDefused() {
        assertThat(HealthTable.field("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(HealthTable.field("-12")).isEqualTo("-12");
    }

}
