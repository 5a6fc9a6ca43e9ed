package com.cksconsole.health.probe;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.cksconsole.health.HealthHistory;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.probe.HealthRepository.HourRow;
import com.cksconsole.health.probe.HealthRepository.SampleRow;
import com.cksconsole.health.probe.HealthRepository.StatusRow;
import com.cksconsole.kms.KeyStoreRef;

/**
 * {@link HealthHistory} from the database: raw probes and hourly roll-ups cut into the
 * window's buckets (a bucket combines the raw probes and the roll-up hours that start in
 * it, so a window spanning the raw retention's edge counts every probe once).
 */
class DatabaseHealthHistory implements HealthHistory {

    private final HealthRepository repository;

    private final Clock clock;

    DatabaseHealthHistory(HealthRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public StoreHistory history(KeyStoreRef store, HealthWindow window) {
        Instant to = clock.instant();
        Instant from = to.minus(window.length());
        // The last bucket includes "now": a probe recorded this very instant is shown.
        List<SampleRow> samples = repository.samples(store, from, to.plusMillis(1));
        List<HourRow> hours = repository.hours(store, from, to.plusMillis(1));
        int count = window.buckets();
        var buckets = new ArrayList<ProbeBucket>(count);
        int sampleIndex = 0;
        int hourIndex = 0;
        for (int i = 0; i < count; i++) {
            Instant start = from.plus(window.bucket().multipliedBy(i));
            boolean last = i == count - 1;
            Instant end = last ? to : start.plus(window.bucket());
            var inSamples = new ArrayList<SampleRow>();
            while (sampleIndex < samples.size() && (last || samples.get(sampleIndex).at().isBefore(end))) {
                inSamples.add(samples.get(sampleIndex++));
            }
            var inHours = new ArrayList<HourRow>();
            while (hourIndex < hours.size() && (last || hours.get(hourIndex).hourStart().isBefore(end))) {
                inHours.add(hours.get(hourIndex++));
            }
            buckets.add(Rollups.bucket(start, end, inSamples, inHours));
        }
        var status = repository.status(store);
        ProbeSample lastProbe = status.map(StatusRow::lastProbe).orElse(null);
        return new StoreHistory(store, window, from, to, buckets, repository.states(store, from, to), lastProbe,
                repository.tls(store).orElse(null), repository.keyChecks(store));
    }

}
