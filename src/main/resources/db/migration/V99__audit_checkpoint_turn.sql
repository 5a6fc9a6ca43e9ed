-- The periodic audit checkpoint is signed by one console instance per console.audit.checkpoint-interval, not by every
-- instance on this database (docs/production.md, "Several instances behind a load balancer"). The single row says
-- when the next periodic checkpoint is due; an instance whose schedule finds it due claims the period with one
-- conditional update (set the next due time where it has not moved yet), and only the instance whose update changed
-- the row signs. Milliseconds since the epoch, as session_token_use keeps its times.
create table audit_checkpoint_turn (
    id                 int    not null,
    next_due_at_millis bigint not null,
    constraint audit_checkpoint_turn_pk primary key (id),
    constraint audit_checkpoint_turn_one_row check (id = 1)
);

insert into audit_checkpoint_turn (id, next_due_at_millis) values (1, 0);
