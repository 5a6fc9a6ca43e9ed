/**
 * The implementation of the keys module: reading the keys per target (with its cache),
 * the audited KMS key changes and the round-trip test.
 */
@NullMarked
package com.cksconsole.keys.internal;

import org.jspecify.annotations.NullMarked;
