-- The trust anchor certificate (customerCA.crt, PEM) of each simulated CloudHSM backup family: generated once per
-- database at the first start that needs it, so that it stays the same across restarts and on every instance.
create table sandbox_cloudhsm_trust_anchor (
    backup_family varchar(64)   primary key,
    certificate   varchar(8000) not null
);
