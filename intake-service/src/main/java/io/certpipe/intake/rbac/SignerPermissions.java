package io.certpipe.intake.rbac;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.intake.csr.CsrApi;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ApiException;

/**
 * Kubernetes' {@code CertificateApproval} and {@code CertificateSigning} admission: deciding a request needs
 * {@code approve}, and writing its certificate or failure needs {@code sign}, on the {@code signers} pseudo-resource
 * named by the request's signerName, or by {@code <domain>/*} for every signer of that domain.
 */
@ApplicationScoped
public class SignerPermissions {

    public static final String SIGNERS = "signers";

    private final Authorizer authorizer;

    public SignerPermissions(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Refuses unless {@code user} may {@code verb} requests for {@code signerName} (request {@code csrName}). */
    public void require(String cluster, UserInfo user, String verb, String signerName, String csrName) {
        if (allows(cluster, user, verb, signerName)) {
            return;
        }
        throw ApiException.forbidden(CsrApi.GROUP_RESOURCE, csrName, "user not permitted to " + verb
                + " requests with signerName \"" + signerName + "\"");
    }

    public boolean allows(String cluster, UserInfo user, String verb, String signerName) {
        if (authorizer.allows(cluster, user, RequestAttributes.resource(verb, CsrApi.GROUP, SIGNERS, null,
                signerName))) {
            return true;
        }
        int slash = signerName.indexOf('/');
        return slash > 0 && authorizer.allows(cluster, user, RequestAttributes.resource(verb, CsrApi.GROUP, SIGNERS,
                null, signerName.substring(0, slash) + "/*"));
    }
}
