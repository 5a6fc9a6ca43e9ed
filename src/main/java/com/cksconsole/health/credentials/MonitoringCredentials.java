package com.cksconsole.health.credentials;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.AEADBadTagException;

import org.slf4j.Logger;
import org.springframework.modulith.NamedInterface;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.health.credentials.internal.CredentialRepository;
import com.cksconsole.health.credentials.internal.CredentialRow;
import com.cksconsole.health.credentials.internal.EnvelopeCipher;
import com.cksconsole.health.credentials.internal.Kek;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The monitoring credential of each external key store, stored encrypted: put, find,
 * remove, and its age for the rotation policy. The secret leaves this class only inside a
 * {@link MonitoringCredential} (whose {@code toString()} hides it), for the probe's
 * request; it is never logged, audited or stored in plaintext.
 */
@NamedInterface("monitoring-credentials")
public class MonitoringCredentials {

    private static final Logger log = LoggerFactory.getLogger(MonitoringCredentials.class);

    /**
     * Versions the AAD layout, so that a later layout cannot be confused with this one.
     */
    private static final String AAD_CONTEXT = "cks-console/monitoring-credential/v1";

    private final CredentialRepository repository;

    private final Supplier<KeyEncryptionKeys> keys;

    private final EnvelopeCipher cipher;

    private final KmsAccessKeyIds kmsAccessKeyIds;

    private final CredentialAudit audit;

    private final TransactionTemplate transaction;

    private final Clock clock;

    MonitoringCredentials(CredentialRepository repository, Supplier<KeyEncryptionKeys> keys, EnvelopeCipher cipher,
            KmsAccessKeyIds kmsAccessKeyIds, CredentialAudit audit, PlatformTransactionManager transactions,
            Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.cipher = cipher;
        this.kmsAccessKeyIds = kmsAccessKeyIds;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Stores {@code credential} as the store's monitoring credential, replacing any
     * earlier one, with an audit event (store and access key ID) in the same transaction.
     * @throws KmsCredentialReusedException its access key ID is the one KMS uses for the
     * store
     * @throws IllegalArgumentException the store's account is not known
     */
    public void put(KeyStoreRef store, MonitoringCredential credential, String actor) {
        if (store.target().accountId() == null) {
            throw new IllegalArgumentException("A monitoring credential needs the store's account: " + store);
        }
        if (kmsAccessKeyIds.current(store).filter(credential.accessKeyId()::equals).isPresent()) {
            throw new KmsCredentialReusedException(store, credential.accessKeyId());
        }
        byte[] secret = credential.secretAccessKey().reveal().getBytes(StandardCharsets.US_ASCII);
        EnvelopeCipher.Sealed sealed;
        try {
            sealed = cipher.seal(secret, aad(store, credential.accessKeyId()), keys.get().current());
        }
        finally {
            Arrays.fill(secret, (byte) 0);
        }
        var row = new CredentialRow(store, credential.accessKeyId(), sealed, clock.instant(), actor);
        transaction.executeWithoutResult(status -> {
            audit
                .record(intent(HealthCredentialAuditAction.MONITORING_CREDENTIAL_SET, store, credential.accessKeyId()));
            repository.replace(row);
        });
    }

    /**
     * The store's monitoring credential, decrypted.
     * @throws CredentialUnreadableException it is stored but cannot be decrypted (a KEK
     * missing or wrong, or the row altered)
     */
    public Optional<MonitoringCredential> find(KeyStoreRef store) {
        return repository.find(store).map(this::decrypt);
    }

    /** What may be shown of the store's monitoring credential (no secret). */
    public Optional<StoredCredential> stored(KeyStoreRef store) {
        return repository.find(store)
            .map(row -> new StoredCredential(row.store(), row.accessKeyId(), row.createdAt(), row.createdBy()));
    }

    /** How long ago the store's monitoring credential was stored. */
    public Optional<Duration> age(KeyStoreRef store) {
        return stored(store).map(stored -> stored.age(clock.instant()));
    }

    /**
     * Removes the store's monitoring credential, with an audit event when there was one.
     * @return whether there was one
     */
    public boolean remove(KeyStoreRef store, String actor) {
        Boolean removed = transaction.execute(status -> {
            var row = repository.find(store);
            if (row.isEmpty()) {
                return false;
            }
            audit.record(
                    intent(HealthCredentialAuditAction.MONITORING_CREDENTIAL_REMOVED, store, row.get().accessKeyId()));
            return repository.delete(store);
        });
        return Boolean.TRUE.equals(removed);
    }

    /**
     * Re-encrypts the data key of every row not yet under the current KEK (one row per
     * statement, so an interrupted run keeps what it did and the next run goes on from
     * there; a run with nothing left to do changes nothing). The secrets' ciphertexts do
     * not change, only the encrypted data keys.
     */
    public KekRotationReport rotateKeyEncryptionKey() {
        KeyEncryptionKeys ring = keys.get();
        Kek current = ring.current();
        List<CredentialRow> rows = repository.notUnder(current.id());
        int alreadyCurrent = repository.count() - rows.size();
        int rotated = 0;
        int replacedMeanwhile = 0;
        List<String> failures = new ArrayList<>();
        for (CredentialRow row : rows) {
            var from = ring.find(row.sealed().kekId());
            if (from.isEmpty()) {
                failures.add(row.store() + ": " + notConfigured(row.sealed().kekId()));
                continue;
            }
            EnvelopeCipher.Sealed rewrapped;
            try {
                rewrapped = cipher.rewrap(row.sealed(), aad(row.store(), row.accessKeyId()), from.get(), current);
            }
            catch (AEADBadTagException e) {
                failures.add(row.store() + ": " + wrongKey(row.sealed().kekId()));
                continue;
            }
            catch (CredentialUnreadableException e) {
                // A KMS key-encryption key KMS would not use now: the row stays as it
                // is, the next run tries again.
                failures.add(row.store() + ": " + e.getMessage());
                continue;
            }
            if (repository.rewrap(row, rewrapped)) {
                rotated++;
            }
            else {
                replacedMeanwhile++;
            }
        }
        var report = new KekRotationReport(current.id(), rotated, alreadyCurrent, replacedMeanwhile, failures);
        log.info("{}", report);
        return report;
    }

    private MonitoringCredential decrypt(CredentialRow row) {
        var kek = keys.get()
            .find(row.sealed().kekId())
            .orElseThrow(() -> new CredentialUnreadableException(
                    "The monitoring credential of " + row.store() + ": " + notConfigured(row.sealed().kekId())));
        byte[] secret;
        try {
            secret = cipher.open(row.sealed(), aad(row.store(), row.accessKeyId()), kek);
        }
        catch (AEADBadTagException e) {
            throw new CredentialUnreadableException(
                    "The monitoring credential of " + row.store() + " " + wrongKey(row.sealed().kekId()));
        }
        try {
            return new MonitoringCredential(row.accessKeyId(),
                    Secret.of(new String(secret, StandardCharsets.US_ASCII)));
        }
        finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static String notConfigured(String kekId) {
        return "it is encrypted under the key-encryption key '" + kekId + "', which is not configured: set "
                + KeyEncryptionKeyLoader.PROPERTY + " or " + KeyEncryptionKeyLoader.PREVIOUS_PROPERTY + "." + kekId
                + " to that key";
    }

    private static String wrongKey(String kekId) {
        return "could not be decrypted: the configured key-encryption key '" + kekId
                + "' is not the key it was encrypted under, or the row was altered or copied from another store";
    }

    /**
     * Binds a ciphertext to its row: account, Region, store ID and access key ID, so a
     * row copied onto another store (or given another access key ID) fails to decrypt.
     */
    static byte[] aad(KeyStoreRef store, String accessKeyId) {
        return String
            .join("\n", AAD_CONTEXT, String.valueOf(store.target().accountId()), store.target().region(),
                    store.keyStoreId(), accessKeyId)
            .getBytes(StandardCharsets.UTF_8);
    }

    private static AuditIntent intent(HealthCredentialAuditAction action, KeyStoreRef store, String accessKeyId) {
        return AuditIntent
            .of(action,
                    AuditTarget.keyStore(store.target().region(), store.target().accountId(), store.keyStoreId(), null))
            .value("AccessKeyId", accessKeyId)
            .build();
    }

}
