/** KMS custom key store domain: the shared KMS rules and the one gateway to KMS. */
@NullMarked
package com.cksconsole.keystore;

import org.jspecify.annotations.NullMarked;
