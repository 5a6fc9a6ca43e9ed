-- Audit log: the keyed chain (see README, "Tamper evidence: keyed chain and signed checkpoints").
--
-- The public chain (hash = SHA-256 of the canonical form, prev_hash) stays as it is: anyone can re-compute it,
-- which is what lets an export be checked outside the console, and also what let someone holding the database
-- login append a row that looked genuine. Each row now also carries link = HMAC-SHA-256, under the chain key
-- (console.audit.chain-key, never stored in the database), of its seq, the link before it and its hash. Without
-- the key no valid link can be made, so a row added, changed or re-hashed through the database shows.
--
-- Rows written before this migration have no link (they stay verifiable by their public hashes); keyed_from is
-- the first seq that must carry one, fixed here once. The runtime login needs no update right on it (README,
-- "Append-only in the database": update is granted on the other columns of audit_chain_head only).
alter table audit_event add column link varchar(64);

alter table audit_chain_head add column last_link varchar(64);
alter table audit_chain_head add column keyed_from bigint not null default 1;
-- The ID of the chain key that wrote the first link (an HMAC of a constant, it reveals nothing about the key):
-- an instance configured with another key refuses to append instead of breaking the chain.
alter table audit_chain_head add column chain_key_id varchar(16);
update audit_chain_head set keyed_from = last_seq + 1 where id = 1;
