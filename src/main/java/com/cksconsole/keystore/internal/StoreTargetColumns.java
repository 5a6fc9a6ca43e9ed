package com.cksconsole.keystore.internal;

import java.util.List;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * How a {@link KeyStoreRef} is kept in the console's tables (see the V50 migration): the
 * columns {@code account_id}, {@code region} and {@code store_id}, all three part of each
 * table's key. An account that is not configured ({@link KmsTarget#accountId()} null) is
 * kept as the empty string, because key columns cannot be null.
 */
public final class StoreTargetColumns {

    /** The condition naming one store, with the three parameters of {@link #values}. */
    public static final String WHERE = "account_id = ? and region = ? and store_id = ?";

    private StoreTargetColumns() {
    }

    /** {@code account_id}, {@code region}, {@code store_id}, in that order. */
    public static List<Object> values(KeyStoreRef store) {
        return List.of(account(store.target()), store.target().region(), store.keyStoreId());
    }

    /** The {@code account_id} column's value for a target. */
    public static String account(KmsTarget target) {
        var account = target.accountId();
        return account == null ? "" : account;
    }

    /** The target kept in an {@code account_id} and a {@code region} column. */
    public static KmsTarget target(String account, String region) {
        return new KmsTarget(account.isEmpty() ? null : account, region);
    }

}
