package com.cksconsole.security.accounts;

/** What a console user may do. Authorities are {@code ROLE_<name>}. */
public enum Role {

    /** Sees key stores. */
    VIEWER,
    /** VIEWER plus update, connect, disconnect and import. */
    OPERATOR,
    /** The audit log only, for separation of duties. */
    AUDITOR,
    /** Everything, including users and audit verification. */
    ADMIN

}
