/**
 * The TLS check of an HTTPS endpoint: {@link com.cksconsole.health.tls.TlsEndpointCheck}
 * connects, completes a handshake while recording the server's certificates, evaluates
 * the chain and the host name, and answers a
 * {@link com.cksconsole.health.tls.TlsCheckResult} of plain values that can be stored.
 */
@NullMarked
package com.cksconsole.health.tls;

import org.jspecify.annotations.NullMarked;
