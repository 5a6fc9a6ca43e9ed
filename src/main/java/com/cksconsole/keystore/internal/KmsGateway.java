package com.cksconsole.keystore.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.DescribeCustomKeyStoresRequest;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.XksProxyAuthenticationCredentialType;
import software.amazon.awssdk.services.kms.model.XksProxyConfigurationType;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.NewCloudHsmStore;
import com.cksconsole.keystore.NewXksStore;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;

/**
 * The one gateway between the console and KMS: every KMS call of the key store feature
 * goes through here, through the {@link KmsClient} of the call's target (account and
 * Region, from {@link KmsClientSource}). It speaks the console's domain types both ways
 * and turns every SDK failure into a {@link KmsCallException} that holds no KMS free
 * text.
 */
@Component
public class KmsGateway {

    private static final Logger log = LoggerFactory.getLogger(KmsGateway.class);

    private static final Set<String> CREDENTIAL_ERRORS = Set.of("UnrecognizedClientException",
            "InvalidSignatureException", "IncompleteSignature", "IncompleteSignatureException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException", "AccessDeniedException",
            "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch", "NotAuthorized",
            // STS's answers when a target's role cannot be assumed (AssumeRole, STS API
            // Reference): they reach the console through the role's credentials provider.
            "AccessDenied", "ExpiredToken", "RegionDisabledException",
            // CloudHSM DescribeClusters without cloudhsm:DescribeClusters (AWS CloudHSM
            // API
            // Reference, "DescribeClusters").
            "CloudHsmAccessDeniedException");

    private final KmsClientSource clients;

    @Autowired
    public KmsGateway(KmsClientSource clients) {
        this.clients = clients;
    }

    /**
     * Over one client, whatever the target (tests that talk to one account and Region).
     */
    public KmsGateway(KmsClient kms) {
        this(KmsClientSource.only(kms));
    }

    /**
     * Every custom key store of the account and Region, following
     * DescribeCustomKeyStores' pages to the end.
     */
    public List<CustomKeyStore> describeAll(KmsTarget target) {
        var stores = new ArrayList<CustomKeyStore>();
        var seenMarkers = new HashSet<String>();
        String marker = null;
        do {
            var request = DescribeCustomKeyStoresRequest.builder().marker(marker).build();
            var page = call("DescribeCustomKeyStores", target, kms -> kms.describeCustomKeyStores(request));
            page.customKeyStores().forEach(entry -> stores.add(toDomain(entry)));
            marker = Boolean.TRUE.equals(page.truncated()) ? page.nextMarker() : null;
            if (marker != null && !seenMarkers.add(marker)) {
                // A repeated marker would loop for ever; the AWS CLI aborts in this case
                // too.
                throw new KmsCallException("DescribeCustomKeyStores",
                        new KmsFailure(KmsFailureKind.KMS_INTERNAL, "RepeatedPaginationMarker", null));
            }
        }
        while (marker != null && !marker.isEmpty());
        return List.copyOf(stores);
    }

    /** One store by ID, straight from KMS. */
    public CustomKeyStore describe(KeyStoreRef ref) {
        String keyStoreId = ref.keyStoreId();
        var request = DescribeCustomKeyStoresRequest.builder().customKeyStoreId(keyStoreId).build();
        try {
            var response = call("DescribeCustomKeyStores", ref.target(), kms -> kms.describeCustomKeyStores(request));
            return response.customKeyStores()
                .stream()
                .filter(entry -> keyStoreId.equals(entry.customKeyStoreId()))
                .findFirst()
                .map(KmsGateway::toDomain)
                .orElseThrow(() -> new KeyStoreNotFoundException(keyStoreId));
        }
        catch (KmsCallException e) {
            if (e.failure().is("CustomKeyStoreNotFoundException")) {
                throw new KeyStoreNotFoundException(keyStoreId);
            }
            throw e;
        }
    }

    /**
     * Sends ConnectCustomKeyStore. KMS answers as soon as the connection has started; the
     * outcome (CONNECTED, or FAILED with a ConnectionErrorCode) shows in Describe later.
     * @return the KMS request ID
     */
    public @Nullable String connect(KeyStoreRef ref) {
        String keyStoreId = ref.keyStoreId();
        var response = call("ConnectCustomKeyStore", ref.target(),
                kms -> kms.connectCustomKeyStore(request -> request.customKeyStoreId(keyStoreId)));
        return response.responseMetadata().requestId();
    }

    /**
     * Sends DisconnectCustomKeyStore; the store is DISCONNECTING until KMS has finished.
     * @return the KMS request ID
     */
    public @Nullable String disconnect(KeyStoreRef ref) {
        String keyStoreId = ref.keyStoreId();
        var response = call("DisconnectCustomKeyStore", ref.target(),
                kms -> kms.disconnectCustomKeyStore(request -> request.customKeyStoreId(keyStoreId)));
        return response.responseMetadata().requestId();
    }

    /**
     * Sends DeleteCustomKeyStore (KMS API Reference, DeleteCustomKeyStore): KMS deletes
     * only a DISCONNECTED store that holds no KMS keys; nothing outside KMS (cluster,
     * proxy, external keys) is touched.
     * @return the KMS request ID
     */
    public @Nullable String delete(KeyStoreRef ref) {
        String keyStoreId = ref.keyStoreId();
        var response = call("DeleteCustomKeyStore", ref.target(),
                kms -> kms.deleteCustomKeyStore(request -> request.customKeyStoreId(keyStoreId)));
        return response.responseMetadata().requestId();
    }

    /**
     * Sends UpdateCustomKeyStore with exactly the members the change holds.
     * @return the KMS request ID
     */
    public @Nullable String update(KeyStoreRef ref, KeyStoreChange change) {
        var request = UpdateCustomKeyStoreRequest.builder().customKeyStoreId(ref.keyStoreId());
        if (change instanceof CloudHsmChange hsm) {
            request.newCustomKeyStoreName(hsm.newName());
            request.cloudHsmClusterId(hsm.cloudHsmClusterId());
            if (hsm.keyStorePassword() != null) {
                request.keyStorePassword(hsm.keyStorePassword().reveal());
            }
        }
        else if (change instanceof XksChange xks) {
            request.newCustomKeyStoreName(xks.newName());
            request.xksProxyUriEndpoint(xks.uriEndpoint());
            request.xksProxyUriPath(xks.uriPath());
            request.xksProxyConnectivity(xks.connectivity() == null ? null : xks.connectivity().name());
            request.xksProxyVpcEndpointServiceName(xks.vpcEndpointServiceName());
            request.xksProxyVpcEndpointServiceOwner(xks.vpcEndpointServiceOwner());
            if (xks.credential() != null) {
                request.xksProxyAuthenticationCredential(XksProxyAuthenticationCredentialType.builder()
                    .accessKeyId(xks.credential().accessKeyId())
                    .rawSecretAccessKey(xks.credential().rawSecretAccessKey().reveal())
                    .build());
            }
        }
        return call("UpdateCustomKeyStore", ref.target(), kms -> kms.updateCustomKeyStore(request.build()))
            .responseMetadata()
            .requestId();
    }

    /** What CreateCustomKeyStore answered: the new store's ID and KMS's request ID. */
    public record Created(String keyStoreId, @Nullable String requestId) {
    }

    /**
     * Sends CreateCustomKeyStore for an external key store (KMS API Reference,
     * CreateCustomKeyStore): the VPC endpoint service members only for VPC endpoint
     * service connectivity, as KMS requires.
     */
    public Created create(NewXksStore store) {
        var request = CreateCustomKeyStoreRequest.builder()
            .customKeyStoreName(store.name())
            .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
            .xksProxyConnectivity(store.connectivity().name())
            .xksProxyUriEndpoint(store.uriEndpoint())
            .xksProxyUriPath(store.uriPath())
            .xksProxyAuthenticationCredential(XksProxyAuthenticationCredentialType.builder()
                .accessKeyId(store.credential().accessKeyId())
                .rawSecretAccessKey(store.credential().rawSecretAccessKey().reveal())
                .build());
        if (store.viaVpcEndpointService()) {
            request.xksProxyVpcEndpointServiceName(store.vpcEndpointServiceName())
                .xksProxyVpcEndpointServiceOwner(store.vpcEndpointServiceOwner());
        }
        return created(store.target(), request.build());
    }

    /** Sends CreateCustomKeyStore for a CloudHSM key store. */
    public Created create(NewCloudHsmStore store) {
        var request = CreateCustomKeyStoreRequest.builder()
            .customKeyStoreName(store.name())
            .customKeyStoreType(CustomKeyStoreType.AWS_CLOUDHSM)
            .cloudHsmClusterId(store.cloudHsmClusterId())
            .trustAnchorCertificate(store.trustAnchorCertificate())
            .keyStorePassword(store.keyStorePassword().reveal())
            .build();
        return created(store.target(), request);
    }

    private Created created(KmsTarget target, CreateCustomKeyStoreRequest request) {
        var response = call("CreateCustomKeyStore", target, kms -> kms.createCustomKeyStore(request));
        return new Created(response.customKeyStoreId(), response.responseMetadata().requestId());
    }

    /**
     * One KMS call; when KMS refuses the credentials as expired although the SDK still
     * held them valid (a clock off on either side), once more with fresh credentials (KMS
     * did nothing: the request was refused before it was read).
     */
    <T> T call(String operation, KmsTarget target, Function<KmsClient, T> call) {
        try {
            return callOnce(operation, target, call);
        }
        catch (KmsCallException e) {
            if (!e.failure().is("ExpiredTokenException") && !e.failure().is("ExpiredToken")) {
                throw e;
            }
            log.info("KMS {} on {}: the credentials had expired, renewed once", operation, target);
            clients.renew(target);
            return callOnce(operation, target, call);
        }
    }

    private <T> T callOnce(String operation, KmsTarget target, Function<KmsClient, T> call) {
        KmsClient kms = clients.client(target);
        try {
            return call.apply(kms);
        }
        catch (CustomKeyStoreNotFoundException e) {
            // An expected answer (an unknown ID, a store deleted meanwhile), not worth a
            // warning in the log.
            throw new KmsCallException(operation, serviceFailure(e));
        }
        catch (AwsServiceException e) {
            var failure = serviceFailure(e);
            // Never the exception itself: its message is KMS free text and may echo
            // request values.
            log.warn("KMS {} on {} failed: {} (HTTP {}, request {})", operation, target, failure.errorCode(),
                    e.statusCode(), failure.requestId());
            throw new KmsCallException(operation, failure);
        }
        catch (SdkException e) {
            var failure = clientFailure(e);
            log.warn("KMS {} on {} failed without an answer: {} ({})", operation, target, failure.errorCode(),
                    e.getClass().getSimpleName());
            throw new KmsCallException(operation, failure);
        }
    }

    /**
     * A failed AWS call (KMS or CloudHSM) reduced to what may be shown: the one mapping
     * of SDK exceptions to {@link KmsFailure}.
     */
    static KmsFailure failureOf(SdkException e) {
        return e instanceof AwsServiceException service ? serviceFailure(service) : clientFailure(e);
    }

    private static KmsFailure serviceFailure(AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "HTTP " + e.statusCode()
                : e.awsErrorDetails().errorCode();
        KmsFailureKind kind;
        if (e.isThrottlingException()) {
            kind = KmsFailureKind.THROTTLED;
        }
        else if (CREDENTIAL_ERRORS.contains(code)) {
            kind = KmsFailureKind.CREDENTIALS_REFUSED;
        }
        else if ("KMSInternalException".equals(code) || e.statusCode() >= 500) {
            kind = KmsFailureKind.KMS_INTERNAL;
        }
        else {
            kind = KmsFailureKind.REFUSED;
        }
        return new KmsFailure(kind, code, e.requestId());
    }

    private static KmsFailure clientFailure(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || hasCause(e, java.net.SocketTimeoutException.class)) {
            return new KmsFailure(KmsFailureKind.TIMED_OUT, "Timeout", null);
        }
        if (e instanceof SdkClientException && hasCause(e, IOException.class)) {
            return new KmsFailure(KmsFailureKind.UNREACHABLE, "Unreachable", null);
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            // The default credential chain (aws mode) found nothing to sign with.
            return new KmsFailure(KmsFailureKind.CREDENTIALS_REFUSED, "NoCredentials", null);
        }
        return new KmsFailure(KmsFailureKind.UNREACHABLE, "ClientError", null);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static CustomKeyStore toDomain(CustomKeyStoresListEntry entry) {
        return new CustomKeyStore(entry.customKeyStoreId(), entry.customKeyStoreName(), type(entry),
                state(entry.connectionStateAsString()), entry.connectionErrorCodeAsString(), entry.creationDate(),
                entry.cloudHsmClusterId(), entry.trustAnchorCertificate(),
                entry.xksProxyConfiguration() == null ? null : xks(entry.xksProxyConfiguration()));
    }

    private static @Nullable KeyStoreType type(CustomKeyStoresListEntry entry) {
        if (entry.customKeyStoreType() == null) {
            // Stores created before external key stores existed carry no type: they are
            // CloudHSM stores.
            return entry.xksProxyConfiguration() == null ? KeyStoreType.AWS_CLOUDHSM : null;
        }
        if (entry.customKeyStoreType() == CustomKeyStoreType.UNKNOWN_TO_SDK_VERSION) {
            return null;
        }
        return KeyStoreType.valueOf(entry.customKeyStoreType().name());
    }

    private static ConnectionState state(@Nullable String value) {
        if (value == null) {
            return ConnectionState.UNKNOWN;
        }
        try {
            return ConnectionState.valueOf(value);
        }
        catch (IllegalArgumentException unknown) {
            return ConnectionState.UNKNOWN;
        }
    }

    private static XksProxySettings xks(XksProxyConfigurationType config) {
        XksConnectivity connectivity = null;
        if (config.connectivityAsString() != null) {
            try {
                connectivity = XksConnectivity.valueOf(config.connectivityAsString());
            }
            catch (IllegalArgumentException unknown) {
                connectivity = null;
            }
        }
        return new XksProxySettings(connectivity, config.uriEndpoint(), config.uriPath(), config.accessKeyId(),
                config.vpcEndpointServiceName(), config.vpcEndpointServiceOwner());
    }

}
