package com.cksconsole.xks;

import java.io.Serializable;
import java.util.List;

/** The GetHealthStatus response body of an XKS proxy (XKS proxy API specification). */
public record XksHealthReport(int xksProxyFleetSize, String xksProxyVendor, String xksProxyModel, String ekmVendor,
        List<EkmFleetMember> ekmFleetDetails) implements Serializable {

    public XksHealthReport {
        ekmFleetDetails = List.copyOf(ekmFleetDetails);
    }

    /**
     * One external key manager of the fleet; healthStatus is ACTIVE, DEGRADED or
     * UNAVAILABLE.
     */
    public record EkmFleetMember(String id, String model, String healthStatus) implements Serializable {
    }

    /** DEGRADED still serves; only a fleet whose every member is UNAVAILABLE cannot. */
    public boolean everyExternalKeyManagerUnavailable() {
        return ekmFleetDetails.stream().allMatch(member -> "UNAVAILABLE".equals(member.healthStatus()));
    }
}
