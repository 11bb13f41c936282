package io.certpipe.intake.csr;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.RequestBodies;
import io.certpipe.intake.signer.SignerReview;

/**
 * Turns the body of a new request into the request to store, the one way for every door a request comes in by: the
 * API's {@code POST} and the automation clients' requests over Kafka. The body is decoded with the field validation
 * asked for, validated and admitted ({@link CsrCreation}), and reviewed by the signer it names.
 */
@ApplicationScoped
public class CsrSubmissions {

    private final SignerReview signerReview;
    private final ObjectMapper json;

    public CsrSubmissions(SignerReview signerReview, ObjectMapper json) {
        this.signerReview = signerReview;
        this.json = json;
    }

    /**
     * The request {@code caller} submits to {@code cluster} in {@code body}, once admitted, with every warning its
     * creation answers with; refuses with the {@code ApiException} kube-apiserver would answer.
     */
    public CsrCreation.Admission admit(String cluster, UserInfo caller, byte[] body, String fieldValidation) {
        var submitted = RequestBodies.decode(body, CertificateSigningRequest.class, CsrApi.KIND, CsrSchema.CSR,
                FieldValidation.of(fieldValidation), json, json);
        CsrCreation.Admission admission = CsrCreation.validate(cluster, submitted.value(), caller,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), signerReview::review);
        List<String> warnings = new ArrayList<>(submitted.warnings());
        warnings.addAll(admission.warnings());
        return new CsrCreation.Admission(admission.csr(), warnings);
    }
}
