/**
 * Health over time of the custom key stores and their XKS proxies: the probes and their
 * schedule ({@code health.probe}), the TLS check of a public XKS proxy endpoint
 * ({@code health.tls}), the monitoring credentials stored encrypted
 * ({@code health.credentials}), the webhook alerts ({@code health.alerts}) and the pages:
 * the fleet dashboard and each store's health page ({@code health.web}). Other modules
 * read {@link com.cksconsole.health.FleetHealth} and
 * {@link com.cksconsole.health.HealthHistory} (database only) and listen to
 * {@link com.cksconsole.health.StoreHealthChanged}. The webhook alerts also carry the
 * approval module's break-glass uses ({@code BreakGlassUsed}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "approval", "audit", "keys", "keystore", "kms", "targets", "xks" })
package com.cksconsole.health;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
