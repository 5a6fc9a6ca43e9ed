#!/usr/bin/env python3
"""Writes the SQL (PostgreSQL) that gives every store of stores.tsv 30 days of probe history as the console keeps
it: raw GetHealthStatus samples, one a minute, for the raw retention (48 h), hourly roll-ups for the rest of the
30 days, and a few connection state changes. Latencies are 20-80 ms with 1 % of probes timing out, so the graphs
have something to draw. benchmarks/health/README.md."""
import sys


def main(stores_tsv, out):
    rows = [line.split("\t") for line in open(stores_tsv).read().splitlines() if line]
    values = ",\n".join(f"('{a}', '{r}', '{s}')" for a, r, s, _ in rows)
    sql = f"""
create temporary table bench_store (account_id varchar(12), region varchar(32), store_id varchar(64));
insert into bench_store values
{values};

insert into health_probe_sample (account_id, region, store_id, probed_at, outcome, latency_ms, http_status,
    proxy_error_name, vendor, model, fleet_size, ekm_active, ekm_degraded, ekm_unavailable, ekm_details)
select s.account_id, s.region, s.store_id, t,
       case when random() < 0.01 then 'TIMED_OUT' else 'HEALTHY' end,
       (20 + random() * 60)::int, 200, null, 'Sandbox', 'cks-console sandbox XKS proxy', 2, 2, 0, 0,
       E'ACTIVE\\tekm-1\\tsandbox-ekm\\nACTIVE\\tekm-2\\tsandbox-ekm'
from bench_store s,
     generate_series(date_trunc('minute', now()) - interval '48 hours', date_trunc('minute', now()),
                     interval '1 minute') t;

insert into health_probe_hourly (account_id, region, store_id, hour_start, samples, healthy, p50_ms, p99_ms,
    max_ms, ekm_min_active, ekm_max_degraded, ekm_max_unavailable)
select s.account_id, s.region, s.store_id, h, 60, 59 + (random() < 0.7)::int, (40 + random() * 10)::int,
       (75 + random() * 40)::int, (90 + random() * 100)::int, 2, 0, 0
from bench_store s,
     generate_series(date_trunc('hour', now()) - interval '30 days', date_trunc('hour', now()) - interval '49 hours',
                     interval '1 hour') h;

insert into health_state_change (account_id, region, store_id, changed_at, connection_state, connection_error_code)
select s.account_id, s.region, s.store_id, now() - (d || ' days')::interval, st, null
from bench_store s,
     (values (29, 'CONNECTED'), (12, 'DISCONNECTED'), (11.9, 'CONNECTING'), (11.8, 'CONNECTED')) v(d, st)
on conflict do nothing;

analyze health_probe_sample;
analyze health_probe_hourly;
analyze health_state_change;
"""
    with open(out, "w") as f:
        f.write(sql)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
