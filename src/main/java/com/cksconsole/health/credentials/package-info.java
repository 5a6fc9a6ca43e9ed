/**
 * Monitoring credentials (issue 17, "Health over time"): per external key store, a second
 * XKS proxy authentication credential the console probes the proxy with, never the one
 * KMS uses, stored encrypted (envelope encryption, AES-256-GCM, under a key-encryption
 * key from configuration).
 * {@link com.cksconsole.health.credentials.MonitoringCredentials} is the entry point.
 */
@NullMarked
package com.cksconsole.health.credentials;

import org.jspecify.annotations.NullMarked;
