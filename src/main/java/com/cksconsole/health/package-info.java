/**
 * Health over time of the custom key stores and their XKS proxies. So far: the TLS check
 * of a public XKS proxy endpoint ({@code health.tls}: certificate expiry, chain, host
 * name match, TLS version) and the monitoring credentials stored encrypted
 * ({@code health.credentials}), without scheduling or pages yet.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "keystore", "kms", "targets" })
package com.cksconsole.health;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
