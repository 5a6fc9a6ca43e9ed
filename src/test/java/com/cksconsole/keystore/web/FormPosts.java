package com.cksconsole.keystore.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.cksconsole.keystore.CustomKeyStore;

/**
 * The request parameters a browser posts for an edit form as prefilled, with some fields
 * changed.
 */
final class FormPosts {

    private FormPosts() {
    }

    static Map<String, String> xks(CustomKeyStore store, String... changes) {
        var form = XksUpdateForm.of(store);
        var params = new LinkedHashMap<String, String>();
        params.put(XksUpdateForm.NAME, text(form.newCustomKeyStoreName()));
        params.put(XksUpdateForm.ENDPOINT, text(form.xksProxyUriEndpoint()));
        params.put(XksUpdateForm.PATH, text(form.xksProxyUriPath()));
        params.put(XksUpdateForm.CONNECTIVITY, text(form.xksProxyConnectivity()));
        params.put(XksUpdateForm.SERVICE_NAME, text(form.xksProxyVpcEndpointServiceName()));
        params.put(XksUpdateForm.SERVICE_OWNER, text(form.xksProxyVpcEndpointServiceOwner()));
        params.put(XksUpdateForm.ACCESS_KEY_ID, text(form.credential().accessKeyId()));
        params.put(XksUpdateForm.SECRET, "");
        params.put(UpdateForm.FINGERPRINT, form.fingerprint());
        return apply(params, changes);
    }

    static Map<String, String> cloudHsm(CustomKeyStore store, String... changes) {
        var form = CloudHsmUpdateForm.of(store);
        var params = new LinkedHashMap<String, String>();
        params.put(CloudHsmUpdateForm.NAME, text(form.newCustomKeyStoreName()));
        params.put(CloudHsmUpdateForm.PASSWORD, "");
        params.put(CloudHsmUpdateForm.CLUSTER_ID, text(form.cloudHsmClusterId()));
        params.put(UpdateForm.FINGERPRINT, form.fingerprint());
        return apply(params, changes);
    }

    private static Map<String, String> apply(Map<String, String> params, String... changes) {
        for (int i = 0; i < changes.length; i += 2) {
            params.put(changes[i], changes[i + 1]);
        }
        return params;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

}
