/**
 * The health probes (issue 17): the scheduler and its jobs (connection states from the
 * shared Describe snapshot, GetHealthStatus and GetKeyMetadata with the monitoring
 * credential, TLS checks, roll-up and retention), each run once across console instances
 * under a lease in the database; the rules that judge a store; and the database-only
 * implementations of {@link com.cksconsole.health.FleetHealth} and
 * {@link com.cksconsole.health.HealthHistory}. Nothing here is for other modules to call:
 * they use those two interfaces and listen to
 * {@link com.cksconsole.health.StoreHealthChanged}.
 */
@NullMarked
package com.cksconsole.health.probe;

import org.jspecify.annotations.NullMarked;
