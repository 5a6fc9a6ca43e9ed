/**
 * The built-in sandbox XKS proxy: GetHealthStatus of the XKS proxy API v1.0.3 at
 * {@code /sandbox/xks-proxy}, with SigV4 verification and configurable behaviours per
 * path prefix; active only in sandbox mode.
 */
@NullMarked
package com.cksconsole.sandbox.xksproxy;

import org.jspecify.annotations.NullMarked;
