/**
 * The KMS sandbox: a KMS-compatible endpoint ({@code POST /sandbox/kms}, AWS JSON 1.1 +
 * SigV4) for the six custom key store operations, with simulated CloudHSM clusters and
 * VPC endpoint services, active only in sandbox mode.
 */
@NullMarked
package com.cksconsole.sandbox.kms;

import org.jspecify.annotations.NullMarked;
