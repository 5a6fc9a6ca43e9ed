-- Console users. Passwords are stored only as adaptive hashes ({bcrypt}, {argon2}, ... prefixes of
-- Spring Security's delegating encoder). Roles are a comma-separated list of VIEWER, OPERATOR, AUDITOR, ADMIN.
create table console_user (
    username             varchar(64)              not null primary key,
    password_hash        varchar(255)             not null,
    roles                varchar(255)             not null,
    enabled              boolean                  not null,
    must_change_password boolean                  not null,
    created_at           timestamp with time zone not null
);
