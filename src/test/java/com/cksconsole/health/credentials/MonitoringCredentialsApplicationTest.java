package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The monitoring credentials as wired in the application: the refusal reads the store's
 * current credential from KMS (the sandbox, through the keystore module's public API),
 * and the audit event lands in the real audit log.
 */
@ConsoleApplicationTest
class MonitoringCredentialsApplicationTest {

    static final KeyStoreRef PUBLIC_XKS = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"),
            SeededKeyStores.PUBLIC_XKS);

    static final String SECRET = "YXBwbGljYXRpb24tdGVzdC1tb25pdG9yaW5nLXNlY3JldA";

    @Autowired
    MonitoringCredentials credentials;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void removeTheCredential() {
        credentials.remove(PUBLIC_XKS, "test");
    }

    @Test
    void theAccessKeyIdKmsUsesForTheStoreIsRefused() {
        String kmsAccessKeyId = SeededKeyStores.of(context)
            .describe(SeededKeyStores.PUBLIC_XKS)
            .xksProxyConfiguration()
            .accessKeyId();

        assertThatThrownBy(
                () -> credentials.put(PUBLIC_XKS, new MonitoringCredential(kmsAccessKeyId, Secret.of(SECRET)), "alice"))
            .isInstanceOf(KmsCredentialReusedException.class);
        assertThat(credentials.find(PUBLIC_XKS)).isEmpty();
    }

    @Test
    void aSecondCredentialIsStoredEncryptedAndAudited() {
        credentials.put(PUBLIC_XKS, new MonitoringCredential("MONITORINGAPPTESTID23", Secret.of(SECRET)), "alice");

        assertThat(credentials.find(PUBLIC_XKS).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
        var jdbc = JdbcClient.create(dataSource);
        Map<String, Object> event = jdbc
            .sql("select action, target_store_id, parameters from audit_event where action = "
                    + "'MONITORING_CREDENTIAL_SET' and target_store_id = :id order by seq desc")
            .param("id", SeededKeyStores.PUBLIC_XKS)
            .query()
            .listOfRows()
            .get(0);
        assertThat(String.valueOf(event.get("parameters"))).contains("MONITORINGAPPTESTID23").doesNotContain(SECRET);
        assertThat(jdbc.sql("select count(*) from audit_event where parameters like :secret")
            .param("secret", "%" + SECRET + "%")
            .query(Integer.class)
            .single()).isZero();
    }

}
