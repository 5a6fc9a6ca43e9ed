package com.cksconsole.support;

import java.time.Instant;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;

/**
 * The application with faults a test can switch on: the console's database
 * ({@link FaultyDatabase}), a clock that only the test moves ({@link MutableClock}, which
 * the KMS sandbox also reads: a test sets it to the real time first, as the SDK signs
 * with the real time), and a count of what reaches the sandbox ({@link SandboxTraffic}).
 * One shared context for every test that uses it ({@link ConsoleFaultTest}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(Instant.now());
    }

    /**
     * Wraps the application's data source, so that every part of the console uses the
     * switchable one.
     */
    @Bean
    static BeanPostProcessor faultyDatabaseWrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof FaultyDatabase)
                        && "dataSource".equals(beanName) ? new FaultyDatabase(dataSource) : bean;
            }
        };
    }

    @Bean
    SandboxTraffic sandboxTraffic(DataSource dataSource) {
        return new SandboxTraffic((FaultyDatabase) dataSource);
    }

    @Bean
    FilterRegistrationBean<SandboxTraffic> sandboxTrafficFilter(SandboxTraffic traffic) {
        var registration = new FilterRegistrationBean<>(traffic);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/sandbox/*");
        return registration;
    }

}
