package com.cksconsole.keystore.internal;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.KeyStoreActivity;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KmsCallException;

/**
 * The default {@link KeyStoreActivity}: writes each record to the log (never a secret:
 * {@link KeyStoreChange} redacts them) and publishes it, intent and outcome alike, as an
 * application event. The audit log replaces this bean (or listens to the events).
 */
@Component
class PublishingKeyStoreActivity implements KeyStoreActivity {

    private static final Logger log = LoggerFactory.getLogger(PublishingKeyStoreActivity.class);

    private final ApplicationEventPublisher events;

    PublishingKeyStoreActivity(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public <T> T attempt(KeyStoreActivityRecord record, Supplier<T> call) {
        publish(record);
        T result;
        try {
            result = call.get();
        }
        catch (KmsCallException e) {
            record(record.failed(e.failure().errorCode(), e.failure().requestId()));
            throw e;
        }
        catch (RuntimeException e) {
            record(record.failed(e.getClass().getSimpleName(), null));
            throw e;
        }
        record(record.succeeded(result instanceof String requestId ? requestId : null));
        return result;
    }

    @Override
    public void record(KeyStoreActivityRecord record) {
        publish(record);
    }

    private void publish(KeyStoreActivityRecord record) {
        log.info("Key store activity {} {} of {} by {}{}: {}{}{}", record.action(),
                record.outcome() == null ? "INTENT" : record.outcome(), record.storeId(), record.actor(),
                record.runId() == null ? "" : " (guided change " + record.runId() + ")", record.details(),
                record.change() == null ? "" : " " + record.change(),
                record.errorCode() == null ? "" : " error " + record.errorCode());
        events.publishEvent(record);
    }

}
