package com.cksconsole.sandbox.kms;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of the sandbox, named as in {@code X-Amz-Target: TrentService.<name>}.
 */
interface KmsOperation {

    String name();

    /** Answers the request (HTTP 200 body) or throws {@link KmsError}. */
    ObjectNode handle(Call call, KmsRequest request);

    /**
     * The authenticated caller's account and the Region it signed for, and the request ID
     * (also the kmsRequestId of XKS proxy calls).
     */
    record Call(AccountRegion target, String requestId) {
    }

    static ObjectNode emptyResponse() {
        return JsonNodeFactory.instance.objectNode();
    }

}
