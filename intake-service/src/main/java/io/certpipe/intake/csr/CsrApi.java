package io.certpipe.intake.csr;

import java.util.List;

import io.certpipe.kube.Verbs;
import io.certpipe.kube.ApiResource;
import io.certpipe.kube.GroupKind;
import io.certpipe.kube.GroupResource;
import io.certpipe.kube.PatchType;

/** The names under which Kubernetes serves CertificateSigningRequests. */
public final class CsrApi {

    public static final String GROUP = "certificates.k8s.io";
    public static final String VERSION = "v1";
    public static final String GROUP_VERSION = GROUP + "/" + VERSION;
    public static final String RESOURCE = "certificatesigningrequests";
    public static final String KIND = "CertificateSigningRequest";
    public static final String LIST_KIND = "CertificateSigningRequestList";
    public static final String APPROVAL = "approval";
    public static final String STATUS = "status";

    public static final GroupResource GROUP_RESOURCE = new GroupResource(GROUP, RESOURCE);
    public static final GroupKind GROUP_KIND = new GroupKind(GROUP, KIND);
    /** The patch types a request takes, server-side apply among them. */
    public static final List<PatchType> PATCH_TYPES = List.of(PatchType.JSON, PatchType.MERGE,
            PatchType.STRATEGIC_MERGE, PatchType.APPLY);

    /** Requests as discovery and OpenAPI declare them, with the subresources the approver and the signer write. */
    public static final ApiResource DECLARATION = new ApiResource(GROUP, VERSION, KIND, RESOURCE,
            "certificatesigningrequest", List.of("csr"), List.of(Verbs.CREATE, Verbs.DELETE, Verbs.GET, Verbs.LIST,
                    Verbs.PATCH, Verbs.UPDATE, Verbs.WATCH),
            false, List.of(new ApiResource.Subresource(APPROVAL, List.of(Verbs.GET, Verbs.PATCH, Verbs.UPDATE)),
                    new ApiResource.Subresource(STATUS, List.of(Verbs.GET, Verbs.PATCH, Verbs.UPDATE))),
            true);

    private CsrApi() {
    }
}
