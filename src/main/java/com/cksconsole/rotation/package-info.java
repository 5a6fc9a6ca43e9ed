/**
 * Credential rotation of external key stores (issue 18): a persisted, resumable run that
 * replaces the XKS proxy authentication credential KMS uses without downtime, in the
 * order the XKS proxy API specification describes (section "SigV4 credentials rotation":
 * a proxy accepts several credentials, so a new one is added on the proxy, KMS moves to
 * it, and the old one is removed). The console makes or takes the new credential, hands
 * the proxy configuration file over once, proves the proxy accepts it, sends
 * UpdateCustomKeyStore, watches the store while KMS's hosts move over, and proves the
 * proxy refuses the old credential. {@link com.cksconsole.rotation.CredentialRotations}
 * is the entry point; the pages live in {@code web}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "approval", "audit", "keystore", "kms", "targets", "xks",
        "health::sealed-secrets", "health::monitoring-credentials" })
package com.cksconsole.rotation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
