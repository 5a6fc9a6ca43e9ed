package com.cksconsole.keystore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEventPublisher;

/**
 * An {@link ApplicationEventPublisher} that keeps every {@link KeyStoreActivityRecord}
 * published (intents and outcomes), for unit tests; other events are dropped.
 */
public final class RecordingActivity implements ApplicationEventPublisher {

    private final List<KeyStoreActivityRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void publishEvent(Object event) {
        if (event instanceof KeyStoreActivityRecord record) {
            records.add(record);
        }
    }

    public List<KeyStoreActivityRecord> records() {
        return List.copyOf(records);
    }

}
