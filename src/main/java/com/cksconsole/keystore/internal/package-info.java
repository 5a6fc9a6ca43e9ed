/**
 * The keystore module's implementation: the facades' implementation, the one gateway to
 * KMS, the per-target KMS clients and the target probe (the only users of the AWS SDK's
 * {@code KmsClient}), the per-target snapshots, the JDBC change locks and the audit
 * adapters. Spring Modulith treats this package as internal to the keystore module: no
 * other module may use it.
 */
@NullMarked
package com.cksconsole.keystore.internal;

import org.jspecify.annotations.NullMarked;
