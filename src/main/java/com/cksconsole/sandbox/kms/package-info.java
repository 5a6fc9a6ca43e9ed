/**
 * The KMS sandbox: a KMS-compatible endpoint ({@code POST /sandbox/kms}, AWS JSON 1.1 +
 * SigV4) for the six custom key store operations and the operations on KMS keys in custom
 * key stores, with simulated CloudHSM clusters (and their HSM key material) and VPC
 * endpoint services, active only in sandbox mode.
 */
@NullMarked
package com.cksconsole.sandbox.kms;

import org.jspecify.annotations.NullMarked;
