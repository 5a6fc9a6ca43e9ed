-- The audit search filters by the account and Region of an event's target (issue #14): one index each, as
-- for the other filters of V20 (keyset pages walk seq within the value), which also serves the lists of
-- distinct accounts and Regions the search offers.
create index audit_event_account on audit_event (target_account, seq);
create index audit_event_region on audit_event (target_region, seq);
