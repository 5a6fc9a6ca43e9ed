package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.health.credentials.internal.CredentialRepository;
import com.cksconsole.health.credentials.internal.EnvelopeCipher;
import com.cksconsole.health.credentials.internal.KeyEncryptionKey;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;
import com.cksconsole.keystore.Secret;
import com.cksconsole.support.MutableClock;

/** The rotation command's exit status: 0 only when every row is under the current KEK. */
class KekRotationCommandTest {

    private final AtomicReference<KeyEncryptionKeys> keys = new AtomicReference<>();

    private final List<Integer> exits = new ArrayList<>();

    private MonitoringCredentials credentials;

    private final KeyEncryptionKey kek1 = MonitoringCredentialsTest.kek("kek-1");

    private final KeyEncryptionKey kek2 = MonitoringCredentialsTest.kek("kek-2");

    @BeforeEach
    void setUp() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        credentials = new MonitoringCredentials(new CredentialRepository(JdbcClient.create(dataSource)), keys::get,
                new EnvelopeCipher(new SecureRandom()), store -> Optional.empty(), intent -> {
                }, new DataSourceTransactionManager(dataSource), new MutableClock(Instant.EPOCH));
        keys.set(new KeyEncryptionKeys(kek1, List.of()));
        credentials.put(MonitoringCredentialsTest.STORE,
                new MonitoringCredential(MonitoringCredentialsTest.ACCESS_KEY_ID, Secret.of("x".repeat(43))), "alice");
    }

    @Test
    void exitsWithZeroWhenEveryRowIsUnderTheCurrentKek() {
        keys.set(new KeyEncryptionKeys(kek2, List.of(kek1)));

        new KekRotationCommand(credentials, exits::add).run(new DefaultApplicationArguments());

        assertThat(exits).containsExactly(0);
    }

    @Test
    void exitsWithOneWhenARowIsLeftUnderAnotherKek() {
        keys.set(new KeyEncryptionKeys(kek2, List.of()));

        new KekRotationCommand(credentials, exits::add).run(new DefaultApplicationArguments());

        assertThat(exits).containsExactly(1);
    }

    @Test
    void exitsWithOneWhenTheKeksCannotBeLoaded() {
        keys.set(null);

        new KekRotationCommand(credentials, exits::add).run(new DefaultApplicationArguments());

        assertThat(exits).containsExactly(1);
    }

}
