package com.cksconsole.keys.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the keys pages read KMS.
 *
 * @param cacheTtl how long one read of a target's KMS keys (ListKeys, DescribeKey per
 * key, ListAliases) is shared by all keys pages; the console's own key changes drop it at
 * once
 */
@ConfigurationProperties("console.keys")
public record KeysProperties(@DefaultValue("10s") Duration cacheTtl) {
}
