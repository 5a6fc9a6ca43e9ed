/**
 * The shared KMS vocabulary used by the console, {@code proxyconfig} and the sandbox: the
 * request-field constraints of the custom key store operations, the connection states,
 * the key store types and the XKS proxy connectivity, as the AWS KMS API Reference
 * defines them (<a href="https://docs.aws.amazon.com/kms/latest/APIReference/">AWS KMS
 * API Reference</a>).
 *
 * <p>
 * This package depends on no other console package, so every feature can use it without
 * creating a cycle.
 */
@NullMarked
package com.cksconsole.kms;

import org.jspecify.annotations.NullMarked;
