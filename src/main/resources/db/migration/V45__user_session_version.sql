-- Rights take effect at once: every change of a user's rights or password (disable, enable, roles, password reset
-- or change) increments session_version. A session carries the version its sign-in read; every authenticated
-- request compares it with this column (one primary-key lookup), so a change ends the user's older sessions on
-- every console instance at their next request.
alter table console_user add column session_version bigint default 0 not null;
