/**
 * Sandbox TLS endpoints: local TLS servers presenting generated certificates with a
 * chosen expiry for the hosts of the seeded public XKS proxies, so that the TLS check,
 * the dashboard's "certificate expiring" and its alerts can be shown without a real
 * proxy; active only in sandbox mode.
 */
@NullMarked
package com.cksconsole.sandbox.tls;

import org.jspecify.annotations.NullMarked;
