package io.certpipe.intake.signer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.signer.KeyPolicy;
import io.certpipe.common.signer.Violation;
import io.certpipe.intake.csr.CsrApi;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.FieldError;

/**
 * What intake can tell a requester at create time about the signer they asked for, with the rules signing-service
 * publishes. A key no CA may certify is refused ({@code Invalid}), as signing-service would refuse it; everything the
 * signer would refuse after approval — the tutorials' "fails silently after approval" trap — and a signer nobody
 * serves are said as warnings, since approval, not intake, decides whether the request goes on.
 */
@ApplicationScoped
public class SignerReview {

    private final SignerCatalogue catalogue;

    public SignerReview(SignerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The warnings for a request of {@code name}; refuses a key the signer could never certify. */
    public List<String> review(String cluster, String name, String signerName, ParsedRequest request,
            Collection<String> usages) {
        Optional<PublishedSigner> signer = catalogue.find(cluster, signerName);
        List<Violation> keyViolations = KeyPolicy.check(request, signer.map(PublishedSigner::caKeys)
                .orElse(List.of()));
        if (!keyViolations.isEmpty()) {
            throw ApiException.invalid(CsrApi.GROUP_KIND, name, keyViolations.stream()
                    .map(violation -> FieldError.invalidOmittingValue("spec.request", violation.message()))
                    .toList());
        }
        if (signer.isEmpty()) {
            return List.of("no signer serves \"" + signerName + "\" in cluster \"" + cluster + "\": the request can "
                    + "be approved but no certificate will be issued for it");
        }
        List<String> warnings = new ArrayList<>();
        for (Violation violation : signer.get().data().policy().check(request, usages)) {
            warnings.add("signer \"" + signerName + "\" will refuse this request after approval: "
                    + violation.message());
        }
        return warnings;
    }
}
