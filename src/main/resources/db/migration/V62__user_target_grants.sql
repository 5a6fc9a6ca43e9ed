-- Permissions per target: besides their global roles (console_user.roles), a user may hold a role on one target,
-- e.g. OPERATOR on staging-eu and VIEWER on prod-eu (docs/security.md, "Roles per target").
--
-- One row per user and target: granting another role on the same target replaces the row. Only VIEWER and OPERATOR
-- can be granted per target (AUDITOR and ADMIN are console-wide duties); the console's TargetGrant enforces it (no
-- check constraint: H2 refused an IN-list check on this column with "Check constraint invalid" for valid rows).
-- target_name has no foreign key to kms_target on purpose: targets are disabled rather than deleted, and a grant on
-- a name the console no longer knows is simply ignored (it gives no right on anything).
-- Every change of a user's grants also increments console_user.session_version (V45), which ends their sessions.
create table user_target_grant (
    username     varchar(64)              not null,
    target_name  varchar(32)              not null,
    granted_role varchar(16)              not null,
    granted_at   timestamp with time zone not null,
    granted_by   varchar(128)             not null,
    constraint user_target_grant_pk primary key (username, target_name),
    constraint user_target_grant_user foreign key (username) references console_user (username) on delete cascade
);
