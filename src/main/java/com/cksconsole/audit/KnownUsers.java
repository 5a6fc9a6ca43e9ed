package com.cksconsole.audit;

/**
 * Tells the audit log whether a user name belongs to a console user, implemented by the
 * package that owns the users. A failed sign-in records the typed name only when it does:
 * people type passwords into the name field. Without an implementation every typed name
 * is treated as unknown (recorded as a fingerprint only).
 */
public interface KnownUsers {

    boolean exists(String username);

}
