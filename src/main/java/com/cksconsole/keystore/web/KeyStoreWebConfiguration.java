package com.cksconsole.keystore.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.KmsTargets;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.util.unit.DataSize;

/**
 * Turns on {@code @PreAuthorize}, with which the key store controllers require the
 * OPERATOR or ADMIN role for every change, checked on the server whatever the page shows;
 * registers the upload limit filter of the edit pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class KeyStoreWebConfiguration implements WebMvcConfigurer {

    /**
     * Who may change the key stores of the page's target ({@code {target}} of the URL): a
     * global OPERATOR (ADMIN through the role hierarchy) or an OPERATOR grant on that
     * target ({@code targets.TargetPermissions}, implemented by {@code security}).
     */
    static final String MAY_CHANGE = "@targetPermissions.mayChangeRequestedTarget()";

    /**
     * Right before Spring Security (whose CSRF filter would otherwise be the first to
     * parse, and fail on, a multipart body over the limit) and after the character
     * encoding filter (so form fields decode as UTF-8).
     */
    /**
     * Asked for when a key store page is requested: other features' slice tests load this
     * configuration without the key store module's beans.
     */
    private final ObjectProvider<KmsTargets> targets;

    KeyStoreWebConfiguration(ObjectProvider<KmsTargets> targets) {
        this.targets = targets;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new KeyStoreRefResolver(targets::getObject));
    }

    @Bean
    FilterRegistrationBean<UploadTooLargeFilter> uploadTooLargeFilter(Environment environment) {
        // Tomcat's default when not configured (application.yml raises it).
        DataSize partHeaderLimit = environment.getProperty("server.tomcat.max-part-header-size", DataSize.class,
                DataSize.ofBytes(512));
        var registration = new FilterRegistrationBean<>(new UploadTooLargeFilter(partHeaderLimit.toBytes()));
        registration.addUrlPatterns("/t/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

}
