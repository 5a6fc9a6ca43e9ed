package com.cksconsole.keystore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link KeyStoreActivity} that keeps every record (intents and outcomes), for unit
 * tests.
 */
public final class RecordingActivity implements KeyStoreActivity {

    private final List<KeyStoreActivityRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public <T> T attempt(KeyStoreActivityRecord record, Supplier<T> call) {
        records.add(record);
        try {
            T result = call.get();
            records.add(record.succeeded(result instanceof String id ? id : null));
            return result;
        }
        catch (KmsCallException e) {
            records.add(record.failed(e.failure().errorCode(), e.failure().requestId()));
            throw e;
        }
    }

    @Override
    public void record(KeyStoreActivityRecord record) {
        records.add(record);
    }

    public List<KeyStoreActivityRecord> records() {
        return List.copyOf(records);
    }

}
