package com.cksconsole.approval;

/**
 * An operation a policy can require approval for. Stored by name in policies and
 * requests: never rename a constant.
 */
public enum ApprovalOperation {

    CONNECT("Connect"), DISCONNECT("Disconnect"), UPDATE_NAME("Update: name"),
    UPDATE_CLUSTER("Update: CloudHSM cluster"), UPDATE_PASSWORD("Update: key store password"),
    UPDATE_PROXY_LOCATION("Update: proxy location (URI, path, connectivity, VPC endpoint service)"),
    UPDATE_PROXY_CREDENTIAL("Update: proxy authentication credential"),
    GUIDED_CHANGE("Guided change (disconnect, update, reconnect)"), DELETE("Delete the store"),
    CREATE("Create a store"), KEY_DELETION("Schedule a KMS key's deletion"),
    CREDENTIAL_ROTATION("Rotate the proxy credential");

    private final String label;

    ApprovalOperation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
