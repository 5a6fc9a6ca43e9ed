package com.cksconsole.sandbox.kms;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Enumerations of the KMS model as the sandbox uses them; constant names are the wire values. */
final class KmsEnums {

    /** CustomKeyStoreType. */
    enum StoreType { AWS_CLOUDHSM, EXTERNAL_KEY_STORE }

    /** XksProxyConnectivityType. */
    enum Connectivity { PUBLIC_ENDPOINT, VPC_ENDPOINT_SERVICE }

    /** ConnectionStateType. */
    enum ConnectionState { CONNECTED, CONNECTING, FAILED, DISCONNECTED, DISCONNECTING }

    private KmsEnums() {
    }

    static <E extends Enum<E>> boolean isValue(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.name().equals(value));
    }

    /** The value set as AWS prints it in a ValidationException: {@code [A, B]}. */
    static <E extends Enum<E>> String valueSet(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
