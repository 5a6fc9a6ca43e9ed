package com.cksconsole.keystore;

import java.util.function.Supplier;

/**
 * The one channel through which connect and disconnect calls and every step of a guided
 * change are reported: each workflow step with its result, XKS pre-flight checks and
 * their overrides, cancellations and the other operator requests on a guided change. The
 * audit log plugs in here. (UpdateCustomKeyStore, plain or guided, is audited through
 * {@code internal.KeyStoreAudit}.)
 *
 * <p>
 * {@link #attempt} wraps a call that changes a key store in KMS: an implementation
 * reports the intent <em>before</em> running the call (and may refuse to run it by
 * throwing, for a fail-closed audit log), then the outcome. A {@link KmsCallException}
 * thrown by the call carries the KMS error name and request ID. {@link #record} reports a
 * fact that needs no KMS call (a step result, an override, a cancellation).
 *
 * <p>
 * The default implementation is {@code internal.PublishingKeyStoreActivity} (logs, and
 * publishes each record as an application event).
 */
public interface KeyStoreActivity {

    /**
     * Reports the intent, runs the call, reports its outcome, and returns the call's
     * result.
     * @param record what is about to happen ({@link KeyStoreActivityRecord#outcome()} is
     * null)
     * @param call the KMS call; returns the KMS request ID (or null when there was none)
     * @throws RuntimeException whatever the call throws, after reporting it as the
     * outcome
     */
    <T> T attempt(KeyStoreActivityRecord record, Supplier<T> call);

    /**
     * Reports something that happened (its {@link KeyStoreActivityRecord#outcome()} says
     * how it ended).
     */
    void record(KeyStoreActivityRecord record);

}
