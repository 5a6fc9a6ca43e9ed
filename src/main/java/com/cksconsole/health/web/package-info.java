/**
 * The health pages (issue 17): a store's health page with its graphs drawn on the server
 * as SVG, their tables and CSV downloads, and its monitoring credential form; the fleet
 * dashboard ({@code /health}) of every visible target's stores. They read what the probes
 * recorded ({@code health.FleetHealth}, {@code health.HealthHistory}) and never call KMS
 * or a proxy themselves.
 */
@NullMarked
package com.cksconsole.health.web;

import org.jspecify.annotations.NullMarked;
