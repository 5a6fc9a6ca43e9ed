package com.cksconsole.proxyconfig;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on {@code @Scheduled} for the periodic purge of expired imported secrets (Spring
 * Boot then provides the task scheduler). Enabling it twice elsewhere is harmless.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProxyConfigurationConfiguration {

}
