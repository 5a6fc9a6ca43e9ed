/**
 * Targets: the AWS accounts and Regions the console manages, and how each is reached (the
 * default credential chain, a named profile, or an IAM role to assume with temporary
 * credentials). The public API is {@link com.cksconsole.targets.Targets} (what targets
 * exist and which are usable), {@link com.cksconsole.targets.TargetConnections}
 * (credentials and endpoints per target, for the module that calls KMS) and the value
 * types; the administration pages and the storage are internal.
 */
@NullMarked
package com.cksconsole.targets;

import org.jspecify.annotations.NullMarked;
