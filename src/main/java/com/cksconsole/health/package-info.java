/**
 * Health over time of the custom key stores and their XKS proxies. So far: the TLS check
 * of a public XKS proxy endpoint ({@code health.tls}: certificate expiry, chain, host
 * name match, TLS version), without scheduling or storage. Depends on no other console
 * module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package com.cksconsole.health;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
