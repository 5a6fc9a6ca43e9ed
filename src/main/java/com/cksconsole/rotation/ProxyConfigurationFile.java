package com.cksconsole.rotation;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import com.cksconsole.keystore.Secret;

/**
 * The proxy configuration file a rotation hands over once: the JSON the console's import
 * reads (docs/operating.md, "Importing an XKS proxy configuration file"), with the
 * store's endpoint, path and connectivity and the new credential, for the operator to
 * install on the proxy as its second credential.
 */
final class ProxyConfigurationFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProxyConfigurationFile() {
    }

    static byte[] of(RotationRun run, Secret secret) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("XksProxyUriEndpoint", run.uriEndpoint());
        file.put("XksProxyUriPath", run.uriPath());
        if (run.connectivity() != null) {
            file.put("XksProxyConnectivity", run.connectivity().name());
        }
        if (run.vpcServiceName() != null) {
            file.put("XksProxyVpcEndpointServiceName", run.vpcServiceName());
        }
        Map<String, String> credential = new LinkedHashMap<>();
        credential.put("AccessKeyId", run.newAccessKeyId());
        credential.put("RawSecretAccessKey", secret.reveal());
        file.put("XksProxyAuthenticationCredential", credential);
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code xks-proxy-<prefix>-<access key ID>.json}, from characters safe in a file
     * name.
     */
    static String fileName(RotationRun run) {
        String prefix = run.pathPrefix().replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return "xks-proxy-" + (prefix.isEmpty() ? "" : prefix + "-") + run.newAccessKeyId() + ".json";
    }

}
