package com.cksconsole.health.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.HealthHistory.ProbeBucket;
import com.cksconsole.health.HealthWindow;

/**
 * The geometry of one chart the health page draws as inline SVG on the server: the plot
 * area in a fixed {@code viewBox}, the time and value scales, their ticks and labels,
 * each series as a path (a gap where a bucket has no sample), optional reference line and
 * coloured bands. The template only draws what this computes; no number is worked out in
 * the template.
 *
 * <p>
 * Coordinates are SVG user units of the {@code viewBox} ({@value #WIDTH} wide), rounded
 * to a tenth; y grows downwards, so a higher value has a smaller y.
 */
final class SvgChart {

    /** The width of every chart's viewBox; the page scales it to 100 % of its column. */
    static final int WIDTH = 480;

    /** The height of the value charts' viewBox. */
    static final int HEIGHT = 200;

    /** The height of the connection state chart's viewBox (one band, no value axis). */
    static final int BAND_HEIGHT = 90;

    /** Room for the value labels left of the plot. */
    static final int LEFT = 62;

    static final int RIGHT = 22;

    static final int TOP = 12;

    /** Room for the time labels below the plot. */
    static final int BOTTOM = 28;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

    private SvgChart() {
    }

    /**
     * A chart ready to draw.
     *
     * @param id the HTML id prefix of its title, description and table
     * @param height of the viewBox ({@link #HEIGHT} or {@link #BAND_HEIGHT})
     * @param plotLeft x of the value axis; {@code plotRight}, {@code plotTop},
     * {@code plotBottom} the other edges of the plot area
     * @param xTicks along the time axis, oldest first
     * @param yTicks along the value axis, lowest first (empty for the band chart)
     * @param lines one per series, in legend order
     * @param bands coloured stretches across the plot's height (the band chart)
     * @param guide a dashed horizontal line (the latency budget), or null
     * @param empty whether there is nothing to draw (the page then says why)
     */
    record Chart(String id, String title, String unit, int width, int height, double plotLeft, double plotRight,
            double plotTop, double plotBottom, List<Tick> xTicks, List<Tick> yTicks, List<Line> lines, List<Band> bands,
            @Nullable Guide guide, boolean empty) {

        Chart {
            xTicks = List.copyOf(xTicks);
            yTicks = List.copyOf(yTicks);
            lines = List.copyOf(lines);
            bands = List.copyOf(bands);
        }

        public String viewBox() {
            return "0 0 " + width + " " + height;
        }

        /** y of the time labels, below the plot. */
        public double timeLabelY() {
            return round(plotBottom + 18);
        }

    }

    /** A tick: its position on its axis (x or y) and its label. */
    record Tick(double position, String label) {
    }

    /**
     * One series.
     *
     * @param path the SVG path data, one {@code M ... L ...} run per stretch of buckets
     * with samples; empty when no bucket has one
     * @param dots points standing alone (a bucket with samples between two without),
     * drawn as dots since a path of one point shows nothing
     */
    record Line(String label, String cssClass, String path, List<Point> dots) {

        Line {
            dots = List.copyOf(dots);
        }

    }

    record Point(double x, double y) {
    }

    /** A stretch of the time axis, coloured by {@code cssClass}. */
    record Band(double x, double width, String cssClass, String label) {
    }

    /** A horizontal reference line at {@code y}, labelled. */
    record Guide(double y, String label) {
    }

    /** Maps a time span onto the plot's width. */
    record TimeScale(Instant from, Instant to) {

        double x(Instant at) {
            double span = Duration.between(from, to).toMillis();
            double offset = Duration.between(from, at).toMillis();
            double ratio = Math.max(0, Math.min(1, offset / span));
            return round(LEFT + ratio * (WIDTH - LEFT - RIGHT));
        }

    }

    /** Maps 0..{@code max} onto the plot's height ({@code bottom} is y of 0). */
    record ValueScale(double max, double step, double bottom) {

        double y(double value) {
            double ratio = Math.max(0, Math.min(1, value / max));
            return round(bottom - ratio * (bottom - TOP));
        }

        List<Tick> ticks(Function<Double, String> label) {
            List<Tick> ticks = new ArrayList<>();
            for (int i = 0; i * step <= max + step / 1000; i++) {
                double value = i * step;
                ticks.add(new Tick(y(value), label.apply(value)));
            }
            return ticks;
        }

        /**
         * A scale from 0 whose top is a round number at or above {@code highest}, with
         * about four steps of 1, 2 or 5 times a power of ten (never below
         * {@code minStep}).
         */
        static ValueScale upTo(double highest, double minStep, double bottom) {
            double step = Math.max(minStep, niceStep(highest / 4));
            double max = Math.max(step, Math.ceil(highest / step - 1e-9) * step);
            return new ValueScale(max, step, bottom);
        }

    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] { 1, 2, 5, 10 }) {
            if (factor * power >= raw - 1e-9) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /**
     * The distance between two time ticks of a window: few enough labels to read at 390
     * px, on round UTC times.
     */
    static Duration tickStep(HealthWindow window) {
        return switch (window) {
            case HOUR -> Duration.ofMinutes(15);
            case DAY -> Duration.ofHours(6);
            case WEEK -> Duration.ofDays(1);
            case MONTH -> Duration.ofDays(7);
        };
    }

    /**
     * The time ticks of a window: every multiple of {@link #tickStep} (counted from the
     * epoch, so UTC midnight and round hours) within {@code from..to}. Times of day read
     * {@code HH:mm}, except that ticks at midnight of a multi-day window read
     * {@code MM-dd}; 24 hours marks midnight with its date.
     */
    static List<Tick> timeTicks(HealthWindow window, TimeScale scale) {
        long step = tickStep(window).toMillis();
        long first = Math.floorDiv(scale.from().toEpochMilli() + step - 1, step) * step;
        List<Tick> ticks = new ArrayList<>();
        for (long at = first; at <= scale.to().toEpochMilli(); at += step) {
            Instant instant = Instant.ofEpochMilli(at);
            boolean midnight = at % Duration.ofDays(1).toMillis() == 0;
            boolean dated = window == HealthWindow.WEEK || window == HealthWindow.MONTH
                    || (window == HealthWindow.DAY && midnight);
            ticks.add(new Tick(scale.x(instant), (dated ? DATE : TIME).format(instant)));
        }
        return ticks;
    }

    /**
     * One series over the buckets: a point at the middle of each bucket with a value,
     * runs of consecutive points joined, a gap where a bucket has none.
     */
    static Line line(String label, String cssClass, List<ProbeBucket> buckets, TimeScale time, ValueScale values,
            Function<ProbeBucket, @Nullable Number> value) {
        StringBuilder path = new StringBuilder();
        List<Point> dots = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        for (ProbeBucket bucket : buckets) {
            Number v = value.apply(bucket);
            if (v == null) {
                flush(run, path, dots);
                continue;
            }
            Instant middle = bucket.start().plus(Duration.between(bucket.start(), bucket.end()).dividedBy(2));
            run.add(new Point(time.x(middle), values.y(v.doubleValue())));
        }
        flush(run, path, dots);
        return new Line(label, cssClass, path.toString().strip(), dots);
    }

    private static void flush(List<Point> run, StringBuilder path, List<Point> dots) {
        if (run.size() == 1) {
            dots.add(run.get(0));
        }
        else if (run.size() > 1) {
            for (int i = 0; i < run.size(); i++) {
                path.append(i == 0 ? "M" : " L")
                    .append(number(run.get(i).x()))
                    .append(' ')
                    .append(number(run.get(i).y()));
            }
            path.append(' ');
        }
        run.clear();
    }

    /** A coordinate as SVG takes it: at most one decimal, no trailing {@code .0}. */
    static String number(double value) {
        double rounded = round(value);
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

}
