/**
 * The embedded KMS sandbox: a KMS-compatible endpoint for the custom key store operations
 * and a built-in XKS proxy, active only in sandbox mode
 * ({@code console.kms.mode=sandbox}, the default). Nothing outside this package depends
 * on it: the console reaches it over HTTP through the AWS SDK, exactly as it reaches KMS.
 */
@NullMarked
package com.cksconsole.sandbox;

import org.jspecify.annotations.NullMarked;
