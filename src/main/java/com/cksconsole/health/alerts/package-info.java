/**
 * Health alerts (docs/health.md "Alerts"): each alert-worthy
 * {@link com.cksconsole.health.StoreHealthChanged} becomes one audited alert in an outbox
 * (deduplicated per store and level change), which a delivery loop on any one instance
 * POSTs to the configured webhooks, with retries. Each
 * {@link com.cksconsole.approval.BreakGlassUsed} is an alert of its own kind through the
 * same outbox.
 */
@NullMarked
package com.cksconsole.health.alerts;

import org.jspecify.annotations.NullMarked;
