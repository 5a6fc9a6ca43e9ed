package com.cksconsole.keystore.internal;

import java.util.function.Function;

import org.springframework.stereotype.Component;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.keystore.TargetKmsCalls;
import com.cksconsole.kms.KmsTarget;

/** {@link TargetKmsCalls} through the one {@link KmsGateway} of the console. */
@Component
class GatewayTargetKmsCalls implements TargetKmsCalls {

    private final KmsGateway gateway;

    GatewayTargetKmsCalls(KmsGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public <T> T call(String operation, KmsTarget target, Function<KmsClient, T> call) {
        return gateway.call(operation, target, call);
    }

}
