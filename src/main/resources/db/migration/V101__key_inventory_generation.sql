-- How many times the console changed each target's KMS keys (keys.internal.SharedKeyChanges): every key change of
-- any console instance moves the target's generation on, and an instance's cached read of the target's keys counts
-- only while the generation it was read under is still the current one. So the page after creating a key shows it
-- whichever instance behind the load balancer serves that page (docs/keys.md, "How current the list is").
create table key_inventory_generation (
    account_id varchar(12) not null,
    region     varchar(32) not null,
    generation bigint      not null,
    constraint key_inventory_generation_pk primary key (account_id, region)
);
