-- Break-glass alerts (issue #20, docs/approvals.md "Break glass"; docs/health.md "Alerts"): a change that needed
-- approval, executed without one, is an alert to the same webhooks as the health alerts, through the same outbox.
-- kind: STORE_HEALTH (a store's level changed, as before) or BREAK_GLASS. A BREAK_GLASS row holds the target's
-- account and Region ('' when unknown), the store's ID ('' for a store not yet created), what the change was about
-- in store_name, '' in from_level and to_level, and in findings a JSON object {"actor", "target", "operations",
-- "reason"}: who broke the glass, on which target, which operations and the reason they typed; never a secret.
alter table health_alert add column kind varchar(16) default 'STORE_HEALTH' not null;
