package com.cksconsole.health;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The computed health of every watched store, read from the database only (the probes
 * keep it current), for the dashboard grid and the store pages.
 */
public interface FleetHealth {

    /**
     * The stores of each target, in the order given; a target with no recorded store has
     * an empty list.
     */
    List<TargetHealth> of(Collection<KmsTarget> targets);

    Optional<StoreHealth> of(KeyStoreRef store);

    /** The stores of one target, by name. */
    record TargetHealth(KmsTarget target, List<StoreHealth> stores) {

        public TargetHealth {
            stores = List.copyOf(stores);
        }

    }

}
