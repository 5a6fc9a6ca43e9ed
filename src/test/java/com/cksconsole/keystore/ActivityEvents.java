package com.cksconsole.keystore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Listens, for one test, to the {@link KeyStoreActivityRecord}s the application's default
 * keystore module publishes from any thread (request threads, the guided change runner),
 * without a context of its own. Close it at the end of the test.
 */
public final class ActivityEvents implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final List<KeyStoreActivityRecord> records = new CopyOnWriteArrayList<>();

    private final ApplicationListener<PayloadApplicationEvent<KeyStoreActivityRecord>> listener = event -> records
        .add(event.getPayload());

    private ActivityEvents(ConfigurableApplicationContext context) {
        this.context = context;
        context.addApplicationListener(listener);
    }

    public static ActivityEvents listen(ApplicationContext context) {
        return new ActivityEvents((ConfigurableApplicationContext) context);
    }

    /** Every record so far (intents and outcomes), of every store. */
    public List<KeyStoreActivityRecord> all() {
        return List.copyOf(records);
    }

    /** The records about one store. */
    public List<KeyStoreActivityRecord> of(String storeId) {
        return records.stream().filter(record -> record.storeId().equals(storeId)).toList();
    }

    @Override
    public void close() {
        context.removeApplicationListener(listener);
    }

}
