package com.cksconsole.health.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.cksconsole.health.FleetHealth;
import com.cksconsole.health.StoreHealth;
import com.cksconsole.health.probe.HealthRepository.StatusRow;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * {@link FleetHealth} from the status table: one query, one row per store (the probes
 * keep the rows current; nothing here calls KMS or a proxy).
 */
class DatabaseFleetHealth implements FleetHealth {

    private final HealthRepository repository;

    DatabaseFleetHealth(HealthRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<TargetHealth> of(Collection<KmsTarget> targets) {
        Map<KmsTarget, List<StoreHealth>> byTarget = new LinkedHashMap<>();
        for (KmsTarget target : targets) {
            byTarget.put(target, new ArrayList<>());
        }
        for (StatusRow row : repository.allStatus()) {
            var stores = byTarget.get(row.store().target());
            if (stores != null) {
                stores.add(health(row));
            }
        }
        var answer = new ArrayList<TargetHealth>();
        byTarget.forEach((target, stores) -> {
            stores.sort((a, b) -> a.name().compareTo(b.name()));
            answer.add(new TargetHealth(target, stores));
        });
        return answer;
    }

    @Override
    public Optional<StoreHealth> of(KeyStoreRef store) {
        return repository.status(store).map(DatabaseFleetHealth::health);
    }

    static StoreHealth health(StatusRow row) {
        return new StoreHealth(row.store(), row.name(), row.external(), row.level(), row.findings(), row.levelSince(),
                row.state(), row.stateSince(), row.monitored(), row.lastProbe(), row.certificateDaysLeft());
    }

}
