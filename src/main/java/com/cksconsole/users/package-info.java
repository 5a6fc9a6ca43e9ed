/**
 * User administration (the Users pages, ADMIN only): create users, change their roles,
 * disable and re-enable them, reset a password, give and take away roles on single
 * targets, and map the groups of single-sign-on identity providers to roles. Uses the
 * user store of {@code security} through its named interface {@code accounts}, the
 * configured identity providers ({@code security.SsoProviders}) and records every change
 * in the audit log. Nothing of it is public: its API is its pages.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "security", "security :: accounts", "targets" })
package com.cksconsole.users;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
