package io.certpipe.common;

import io.certpipe.automation.AutomationContract;

/**
 * certpipe's own Kubernetes API group, served beside Kubernetes' groups: its kinds (signers, approval policies) and
 * the resources only RBAC names (automation requests, whose contract the automation client publishes).
 */
public final class CertpipeApi {

    public static final String GROUP = AutomationContract.RBAC_API_GROUP;
    public static final String VERSION = "v1";
    public static final String GROUP_VERSION = GROUP + "/" + VERSION;

    private CertpipeApi() {
    }
}
