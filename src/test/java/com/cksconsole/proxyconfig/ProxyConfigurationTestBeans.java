package com.cksconsole.proxyconfig;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.cksconsole.session.SessionVault;
import com.cksconsole.support.SessionVaultFixture;

/**
 * The real import beans (parser, secret store, the key store pages' view of them) for
 * slice tests of other packages, which cannot name this package's package-private classes
 * themselves. Needs a {@code Clock} bean.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyConfigurationProperties.class)
@Import({ ProxyConfigurationParser.class, ImportedSecretStore.class, ProxyConfigurationImporter.class })
public class ProxyConfigurationTestBeans {

    /** Imported secrets (and pending changes) kept as the console keeps them. */
    @Bean
    SessionVault sessionVault(Clock clock) {
        return SessionVaultFixture.vaultOnH2(clock);
    }

}
