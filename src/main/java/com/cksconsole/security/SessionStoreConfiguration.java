package com.cksconsole.security;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;

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

    /**
     * The JDBC session store as every instance uses it: through a database outage without
     * turning answers already given into errors ({@link OutageTolerantSessions}).
     */
    @Bean
    static BeanPostProcessor outageTolerantSessions() {
        return new BeanPostProcessor() {

            @Override
            @SuppressWarnings({ "rawtypes", "unchecked" })
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository sessions ? new OutageTolerantSessions(sessions)
                        : bean;
            }

        };
    }

    /**
     * Marks a request whose session could not be read, before the session filter runs.
     */
    @Bean
    FilterRegistrationBean<OutageTolerantSessions.Marking> sessionOutageMarking() {
        var registration = new FilterRegistrationBean<>(new OutageTolerantSessions.Marking());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        // Also around the error page's dispatch: it is made without the unreadable
        // session.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
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
