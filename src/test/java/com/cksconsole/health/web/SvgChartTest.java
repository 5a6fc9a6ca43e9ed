package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.cksconsole.health.HealthHistory.StateSpan;
import com.cksconsole.health.HealthHistory.StoreHistory;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.web.HealthHistories.Figures;
import com.cksconsole.health.web.SvgChart.Chart;
import com.cksconsole.health.web.SvgChart.Tick;
import com.cksconsole.health.web.SvgChart.TimeScale;
import com.cksconsole.health.web.SvgChart.ValueScale;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/** The geometry of the health graphs: scales, ticks, gaps, the budget line, bands. */
class SvgChartTest {

    private static final KeyStoreRef STORE = HealthHistories.ref("cks-2d9c6a1f8e4b7035c");

    /** y of value 0 on the value charts. */
    private static final double BOTTOM = SvgChart.HEIGHT - SvgChart.BOTTOM;

    @Test
    void aNiceStepIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SvgChart.niceStep(0.3)).isEqualTo(0.5);
        assertThat(SvgChart.niceStep(1)).isEqualTo(1);
        assertThat(SvgChart.niceStep(1.01)).isEqualTo(2);
        assertThat(SvgChart.niceStep(62.5)).isEqualTo(100);
        assertThat(SvgChart.niceStep(300)).isEqualTo(500);
        assertThat(SvgChart.niceStep(0)).isEqualTo(1);
    }

    @Test
    void aValueScaleEndsOnTheFirstRoundStepAtOrAboveTheHighestValue() {
        var scale = ValueScale.upTo(250, 1, BOTTOM);
        assertThat(scale.step()).isEqualTo(100);
        assertThat(scale.max()).isEqualTo(300);
        assertThat(scale.ticks(String::valueOf)).extracting(Tick::label)
            .containsExactly("0.0", "100.0", "200.0", "300.0");
        // Exactly on a step: no step added above it.
        assertThat(ValueScale.upTo(400, 1, BOTTOM).max()).isEqualTo(400);
    }

    @Test
    void aValueScaleNeverStepsBelowItsMinimum() {
        var counts = ValueScale.upTo(1, 1, BOTTOM);
        assertThat(counts.step()).isEqualTo(1);
        assertThat(counts.ticks(HealthCharts::number)).extracting(Tick::label).containsExactly("0", "1");
    }

    @Test
    void zeroIsAtTheBottomOfThePlotAndTheMaximumAtItsTop() {
        var scale = new ValueScale(100, 25, BOTTOM);
        assertThat(scale.y(0)).isEqualTo(BOTTOM);
        assertThat(scale.y(100)).isEqualTo(SvgChart.TOP);
        assertThat(scale.y(50)).isEqualTo((BOTTOM + SvgChart.TOP) / 2);
        // Values outside the scale stay on the plot.
        assertThat(scale.y(150)).isEqualTo(SvgChart.TOP);
        assertThat(scale.y(-5)).isEqualTo(BOTTOM);
    }

    @Test
    void theWindowSpansThePlotsWidth() {
        var scale = new TimeScale(HealthHistories.NOW.minusSeconds(3600), HealthHistories.NOW);
        assertThat(scale.x(HealthHistories.NOW.minusSeconds(3600))).isEqualTo(SvgChart.LEFT);
        assertThat(scale.x(HealthHistories.NOW)).isEqualTo(SvgChart.WIDTH - SvgChart.RIGHT);
        assertThat(scale.x(HealthHistories.NOW.minusSeconds(1800)))
            .isEqualTo((SvgChart.LEFT + SvgChart.WIDTH - SvgChart.RIGHT) / 2.0);
    }

    @Test
    void theBudgetLineIsAt250MillisecondsOnTheLatencyScale() {
        Chart chart = HealthCharts.latency(HealthHistories.steady(STORE, HealthWindow.DAY));
        // 0..300 ms over y 172..12: 250 ms is 5/6 of the way up.
        assertThat(chart.guide()).isNotNull();
        assertThat(chart.guide().y()).isEqualTo(SvgChart.round(BOTTOM - 250.0 / 300 * (BOTTOM - SvgChart.TOP)));
        assertThat(chart.guide().label()).isEqualTo("KMS budget 250 ms");
        assertThat(chart.yTicks()).extracting(Tick::label).containsExactly("0 ms", "100 ms", "200 ms", "300 ms");
    }

    @Test
    void aLatencyAboveTheBudgetRaisesTheScaleAndKeepsTheBudgetLine() {
        StoreHistory slow = HealthHistories.of(STORE, HealthWindow.HOUR, i -> new Figures(1, 1, 300, 1200, 2, 0, 0),
                List.of());
        Chart chart = HealthCharts.latency(slow);
        assertThat(chart.yTicks()).extracting(Tick::label).containsExactly("0 ms", "500 ms", "1000 ms", "1500 ms");
        assertThat(chart.guide().y()).isEqualTo(SvgChart.round(BOTTOM - 250.0 / 1500 * (BOTTOM - SvgChart.TOP)));
    }

    @Test
    void timeTicksOf24HoursFallEvery6HoursUtcAndMidnightShowsTheDate() {
        var scale = new TimeScale(HealthHistories.NOW.minus(HealthWindow.DAY.length()), HealthHistories.NOW);
        // 2026-02-28T12:00Z to 2026-03-01T12:00Z
        assertThat(SvgChart.timeTicks(HealthWindow.DAY, scale)).extracting(Tick::label)
            .containsExactly("12:00", "18:00", "03-01", "06:00", "12:00");
    }

    @Test
    void timeTicksOfAnHourFallEveryQuarterHour() {
        var from = Instant.parse("2026-03-01T11:07:00Z");
        var scale = new TimeScale(from, from.plus(HealthWindow.HOUR.length()));
        var ticks = SvgChart.timeTicks(HealthWindow.HOUR, scale);
        assertThat(ticks).extracting(Tick::label).containsExactly("11:15", "11:30", "11:45", "12:00");
        assertThat(ticks.get(0).position()).isEqualTo(scale.x(Instant.parse("2026-03-01T11:15:00Z")));
    }

    @Test
    void timeTicksOfAWeekAreDates() {
        var scale = new TimeScale(HealthHistories.NOW.minus(HealthWindow.WEEK.length()), HealthHistories.NOW);
        assertThat(SvgChart.timeTicks(HealthWindow.WEEK, scale)).extracting(Tick::label)
            .containsExactly("02-23", "02-24", "02-25", "02-26", "02-27", "02-28", "03-01");
    }

    @Test
    void aBucketWithoutSamplesBreaksTheLine() {
        // Buckets 0-2 with samples, 3 without, 4-5 with.
        StoreHistory gap = HealthHistories.of(STORE, HealthWindow.HOUR,
                i -> i == 3 || i > 5 ? null : new Figures(1, 1, 40, 100, 1, 0, 0), List.of());
        var p50 = HealthCharts.latency(gap).lines().get(0);
        assertThat(p50.label()).isEqualTo("p50");
        assertThat(p50.path()).startsWith("M").containsOnlyOnce(" L" + SvgChart.number(x(gap, 1)) + " ");
        assertThat(p50.path().split("M")).hasSize(3); // "", run 1, run 2
        assertThat(p50.dots()).isEmpty();
    }

    @Test
    void aBucketStandingAloneIsADot() {
        StoreHistory alone = HealthHistories.of(STORE, HealthWindow.HOUR,
                i -> i == 10 ? new Figures(1, 1, 40, 100, 1, 0, 0) : null, List.of());
        var p99 = HealthCharts.latency(alone).lines().get(1);
        assertThat(p99.path()).isEmpty();
        assertThat(p99.dots()).singleElement().satisfies(dot -> assertThat(dot.x()).isEqualTo(x(alone, 10)));
    }

    @Test
    void aPointSitsInTheMiddleOfItsBucket() {
        StoreHistory history = HealthHistories.steady(STORE, HealthWindow.HOUR);
        var first = history.buckets().get(0);
        var scale = new TimeScale(history.from(), history.to());
        assertThat(HealthCharts.latency(history).lines().get(0).path())
            .startsWith("M" + SvgChart.number(scale.x(first.start().plusSeconds(30))) + " ");
    }

    @Test
    void aWindowWithoutSamplesIsEmpty() {
        Chart chart = HealthCharts.availability(HealthHistories.empty(STORE, HealthWindow.DAY));
        assertThat(chart.empty()).isTrue();
        assertThat(chart.lines()).allSatisfy(line -> assertThat(line.path()).isEmpty());
    }

    @Test
    void availabilityIsTheShareOfHealthyProbesInPercent() {
        StoreHistory half = HealthHistories.of(STORE, HealthWindow.HOUR, i -> new Figures(4, 2, 40, 100, 1, 0, 0),
                List.of());
        Chart chart = HealthCharts.availability(half);
        assertThat(chart.yTicks()).extracting(Tick::label).containsExactly("0 %", "25 %", "50 %", "75 %", "100 %");
        double halfway = SvgChart.round((BOTTOM + SvgChart.TOP) / 2);
        assertThat(chart.lines().get(0).path()).contains(" " + SvgChart.number(halfway) + " L");
    }

    @Test
    void externalKeyManagersAreCountedOnAWholeNumberScale() {
        StoreHistory three = HealthHistories.of(STORE, HealthWindow.HOUR, i -> new Figures(1, 1, 40, 100, 3, 1, 0),
                List.of());
        Chart chart = HealthCharts.externalKeyManagers(three);
        assertThat(chart.yTicks()).extracting(Tick::label).containsExactly("0", "1", "2", "3");
        assertThat(chart.lines()).extracting(SvgChart.Line::label).containsExactly("Active", "Degraded", "Unavailable");
    }

    @Test
    void stateBandsAreCutToTheWindowAndAnOpenStateLastsToItsEnd() {
        Instant from = HealthHistories.NOW.minus(HealthWindow.HOUR.length());
        Instant middle = from.plusSeconds(1800);
        var history = HealthHistories.of(STORE, HealthWindow.HOUR, i -> null,
                List.of(new StateSpan(ConnectionState.CONNECTED, null, from.minusSeconds(7200), middle),
                        new StateSpan(ConnectionState.FAILED, "NETWORK_ERRORS", middle, null)));
        Chart chart = HealthCharts.states(history);
        assertThat(chart.empty()).isFalse();
        assertThat(chart.bands()).hasSize(2);
        var connected = chart.bands().get(0);
        var failed = chart.bands().get(1);
        assertThat(connected.x()).isEqualTo(SvgChart.LEFT);
        assertThat(connected.cssClass()).isEqualTo("chart-state--connected");
        assertThat(failed.x()).isEqualTo(connected.x() + connected.width());
        assertThat(failed.x() + failed.width()).isEqualTo(SvgChart.WIDTH - SvgChart.RIGHT);
        assertThat(failed.label()).isEqualTo("FAILED");
    }

    @Test
    void aStateThatEndedBeforeTheWindowIsNotDrawn() {
        Instant from = HealthHistories.NOW.minus(HealthWindow.HOUR.length());
        var history = HealthHistories.of(STORE, HealthWindow.HOUR, i -> null, List
            .of(new StateSpan(ConnectionState.DISCONNECTED, null, from.minusSeconds(7200), from.minusSeconds(60))));
        assertThat(HealthCharts.states(history).bands()).isEmpty();
        assertThat(HealthCharts.states(history).empty()).isTrue();
    }

    @Test
    void coordinatesHaveAtMostOneDecimal() {
        assertThat(SvgChart.number(12.0)).isEqualTo("12");
        assertThat(SvgChart.number(12.345)).isEqualTo("12.3");
        assertThat(SvgChart.number(12.96)).isEqualTo("13");
    }

    private static double x(StoreHistory history, int bucket) {
        var b = history.buckets().get(bucket);
        return new TimeScale(history.from(), history.to())
            .x(b.start().plus(java.time.Duration.between(b.start(), b.end()).dividedBy(2)));
    }

}
