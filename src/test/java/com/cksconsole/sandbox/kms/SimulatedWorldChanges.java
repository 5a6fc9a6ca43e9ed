package com.cksconsole.sandbox.kms;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Changes of the world outside KMS after a store was created (a cluster deleted or
 * shrunk, a proxy moved), which the API itself cannot cause because Create and Update
 * refuse such values. Tests apply them directly to the sandbox's table, as the outside
 * world would change behind KMS's back.
 */
final class SimulatedWorldChanges {

    private final JdbcClient jdbc;

    SimulatedWorldChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The store's cluster is now {@code clusterId} (e.g. the original was deleted and
     * this ID is unknown).
     */
    void clusterBecomes(String storeId, String clusterId) {
        set(storeId, "cloudhsm_cluster_id", clusterId);
    }

    void proxyEndpointBecomes(String storeId, String uriEndpoint) {
        set(storeId, "xks_uri_endpoint", uriEndpoint);
    }

    /** The store now reaches another proxy prefix, with that prefix's credential. */
    void proxyPathBecomes(String storeId, String uriPath, String accessKeyId, String secret) {
        set(storeId, "xks_uri_path", uriPath);
        set(storeId, "xks_access_key_id", accessKeyId);
        set(storeId, "xks_raw_secret_access_key", secret);
    }

    void endpointServiceBecomes(String storeId, String serviceName) {
        set(storeId, "xks_vpc_endpoint_service_name", serviceName);
    }

    /** The state as stored, without the settle-on-read a KMS call would do. */
    String storedState(String storeId) {
        return jdbc.sql("select connection_state from sandbox_kms_custom_key_store where id = ?")
            .param(storeId)
            .query(String.class)
            .single();
    }

    private void set(String storeId, String column, String value) {
        int updated = jdbc
            .sql("update sandbox_kms_custom_key_store set " + column + " = ?, version = version + 1 " + "where id = ?")
            .params(value, storeId)
            .update();
        if (updated != 1) {
            throw new IllegalStateException("no store " + storeId);
        }
    }

}
