/**
 * Import of XKS proxy configuration files: strict parsing, validation and short-lived
 * server-side secrets.
 */
@NullMarked
package com.cksconsole.proxyconfig;

import org.jspecify.annotations.NullMarked;
