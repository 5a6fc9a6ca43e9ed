package com.cksconsole.rotation;

import java.util.Optional;

import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.OngoingStoreWork;
import com.cksconsole.kms.KeyStoreRef;

/**
 * Tells the store's page that a credential rotation is under way, where it stands, and
 * that the credential must not be changed by hand meanwhile.
 */
class RotationUnderWay implements OngoingStoreWork {

    private final RotationRepository runs;

    private final KmsTargets targets;

    RotationUnderWay(RotationRepository runs, KmsTargets targets) {
        this.runs = runs;
        this.targets = targets;
    }

    @Override
    public Optional<Ongoing> on(KeyStoreRef store) {
        return runs.active(store)
            .map(run -> new Ongoing("A credential rotation is under way on this key store",
                    "From " + run.oldAccessKeyId() + " to " + run.newAccessKeyId() + ", started by " + run.startedBy()
                            + "; now at step " + (run.currentStep().ordinal() + 1) + ", "
                            + run.currentStep().label().toLowerCase(java.util.Locale.ROOT)
                            + ". Do not change the proxy credential by hand until it ends.",
                    targets.storePath(store) + "/rotations/" + run.id(), "Follow the rotation"));
    }

}
