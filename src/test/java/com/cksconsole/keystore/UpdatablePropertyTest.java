package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.cksconsole.kms.KeyStoreType;

/**
 * What each property UpdateCustomKeyStore can change is (KMS API Reference,
 * UpdateCustomKeyStore: the request members and which key store type each belongs to).
 */
class UpdatablePropertyTest {

    /** Each property names the UpdateCustomKeyStore member that carries it. */
    @Test
    void eachPropertyNamesItsUpdateCustomKeyStoreMember() {
        assertThat(Stream.of(UpdatableProperty.values()).map(UpdatableProperty::kmsMember)).containsExactly(
                "NewCustomKeyStoreName", "KeyStorePassword", "CloudHsmClusterId", "XksProxyUriEndpoint",
                "XksProxyUriPath", "XksProxyConnectivity", "XksProxyVpcEndpointServiceName",
                "XksProxyVpcEndpointServiceOwner", "XksProxyAuthenticationCredential");
    }

    /** Only the name belongs to both types; every other property to exactly one. */
    @Test
    void onlyTheNameBelongsToBothKeyStoreTypes() {
        assertThat(Stream.of(UpdatableProperty.values())
            .filter((property) -> property.appliesTo(KeyStoreType.AWS_CLOUDHSM)))
            .containsExactly(UpdatableProperty.NAME, UpdatableProperty.KEY_STORE_PASSWORD,
                    UpdatableProperty.CLOUDHSM_CLUSTER_ID);
        assertThat(Stream.of(UpdatableProperty.values())
            .filter((property) -> property.appliesTo(KeyStoreType.EXTERNAL_KEY_STORE)))
            .containsExactly(UpdatableProperty.NAME, UpdatableProperty.XKS_URI_ENDPOINT, UpdatableProperty.XKS_URI_PATH,
                    UpdatableProperty.XKS_CONNECTIVITY, UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME,
                    UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_OWNER, UpdatableProperty.XKS_CREDENTIAL);
    }

    /**
     * The key store password and the proxy credential are the secrets: the review says
     * they will be replaced, never what they were. Nothing else is hidden.
     */
    @Test
    void exactlyThePasswordAndTheProxyCredentialAreSecret() {
        assertThat(Stream.of(UpdatableProperty.values()).filter(UpdatableProperty::isSecret))
            .containsExactly(UpdatableProperty.KEY_STORE_PASSWORD, UpdatableProperty.XKS_CREDENTIAL);
    }

    /** The label reads inside a sentence, the title starts one. */
    @Test
    void theTitleIsTheLabelWithACapitalFirstLetter() {
        assertThat(UpdatableProperty.XKS_URI_PATH.label()).isEqualTo("proxy URI path");
        assertThat(UpdatableProperty.XKS_URI_PATH.title()).isEqualTo("Proxy URI path");
        assertThat(UpdatableProperty.KEY_STORE_PASSWORD.title()).isEqualTo("Key store password (the kmsuser password)");
    }

}
