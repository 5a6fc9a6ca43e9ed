/**
 * Client of the XKS proxy API (GetHealthStatus), shared by the KMS sandbox (which calls
 * the proxy as KMS does) and the console's pre-flight checks.
 */
@NullMarked
package com.cksconsole.xks;

import org.jspecify.annotations.NullMarked;
