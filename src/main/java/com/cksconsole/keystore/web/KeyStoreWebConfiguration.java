package com.cksconsole.keystore.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Turns on {@code @PreAuthorize}, with which the key store controllers require the OPERATOR or ADMIN role
 * for every change, checked on the server whatever the page shows.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class KeyStoreWebConfiguration {

    /** The roles that may change key stores: OPERATOR, and ADMIN through the role hierarchy. */
    static final String MAY_CHANGE = "hasRole('OPERATOR')";
}
