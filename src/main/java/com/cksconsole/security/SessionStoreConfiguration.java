package com.cksconsole.security;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions live in the database (Spring Session JDBC, tables from
 * {@code V97__http_sessions.sql}), so that a sign-in holds on every console instance
 * behind a load balancer. The session rules stay the container's and the console's: the
 * idle timeout is {@code server.servlet.session.timeout}, the absolute one
 * {@link SessionLifetimeFilter}, a new ID at sign-in, the end at sign-out and at any
 * change of rights ({@link SessionRightsFilter}, which reads the database at every
 * request).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    /** H2's upsert of one session attribute (its MERGE with a KEY clause). */
    private static final String H2_ATTRIBUTE_UPSERT = "MERGE INTO %TABLE_NAME%_ATTRIBUTES "
            + "(SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) "
            + "VALUES (?, ?, ?)";

    /**
     * The cookie carries the session ID as it is (a UUID needs no encoding), the value
     * the audit log names by its hash.
     */
    @Bean
    DefaultCookieSerializerCustomizer sessionIdAsIs() {
        return serializer -> serializer.setUseBase64Encoding(false);
    }

    /**
     * Two requests of one session on two instances may both add the same attribute; a
     * plain INSERT then fails for the second with a duplicate key. An upsert lets the
     * later one win instead: on PostgreSQL as Spring Session's own
     * {@link PostgreSqlJdbcIndexedSessionRepositoryCustomizer} does it, on H2 with MERGE.
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> attributeUpsert(DataSource dataSource) {
        String product = databaseProduct(dataSource);
        if (product.contains("postgresql")) {
            return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
        }
        if (product.contains("h2")) {
            return repository -> repository.setCreateSessionAttributeQuery(H2_ATTRIBUTE_UPSERT);
        }
        return repository -> {
        };
    }

    private static String databaseProduct(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
                .toLowerCase(Locale.ROOT);
        }
        catch (MetaDataAccessException e) {
            return "unknown";
        }
    }

}
