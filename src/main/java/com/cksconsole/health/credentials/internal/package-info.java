/**
 * The encryption and the table behind
 * {@link com.cksconsole.health.credentials.MonitoringCredentials}.
 */
@NullMarked
package com.cksconsole.health.credentials.internal;

import org.jspecify.annotations.NullMarked;
