package com.cksconsole.proxyconfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The real import beans (parser, secret store, the key store pages' view of them) for
 * slice tests of other packages, which cannot name this package's package-private classes
 * themselves. Needs a {@code Clock} bean.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyConfigurationProperties.class)
@Import({ ProxyConfigurationParser.class, ImportedSecretStore.class, ProxyConfigurationImporter.class })
public class ProxyConfigurationTestBeans {

}
