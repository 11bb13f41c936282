package io.certpipe.intake.csr;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.InvalidRequestException;
import io.certpipe.kube.FieldError;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Checks a {@code status.certificate} written through the status subresource, as Kubernetes' {@code
 * validateCertificate} does (PEM CERTIFICATE blocks only, each a parsable certificate), and one thing it does not:
 * the leaf must certify the key of the request it answers.
 */
final class StatusCertificates {

    private static final String FIELD = "status.certificate";
    private static final String CERTIFICATE = "CERTIFICATE";

    private StatusCertificates() {
    }

    /** Decodes the base64 field; null when absent. */
    static String decode(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CsrCreation.illegalBase64(FIELD, e);
        }
    }

    /** Every problem of {@code pem} as the certificate of {@code csr}. */
    static List<FieldError> problems(String pem, StoredCsr csr) {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException e) {
            return List.of(FieldError.invalidOmittingValue(FIELD, "not valid PEM: " + e.getMessage()));
        }
        if (blocks.isEmpty()) {
            return List.of(FieldError.invalidOmittingValue(FIELD, "must contain at least one CERTIFICATE PEM block"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (PemObject block : blocks) {
            if (block.getType().contains("PRIVATE KEY")) {
                return List.of(FieldError.invalidOmittingValue(FIELD, "holds a PRIVATE KEY: it was refused and not "
                        + "stored. A certificate never carries its private key"));
            }
            if (!block.getType().equals(CERTIFICATE)) {
                errors.add(FieldError.invalidOmittingValue(FIELD, "only CERTIFICATE PEM blocks are allowed, found \""
                        + block.getType() + "\""));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try {
            X509CertificateHolder leaf = new X509CertificateHolder(blocks.getFirst().getContent());
            for (PemObject block : blocks.subList(1, blocks.size())) {
                new X509CertificateHolder(block.getContent());
            }
            byte[] requestKey = CertificationRequests.parseAdmittedPem(csr.requestPem()).request()
                    .getSubjectPublicKeyInfo().getEncoded();
            if (!Arrays.equals(leaf.getSubjectPublicKeyInfo().getEncoded(), requestKey)) {
                return List.of(FieldError.invalidOmittingValue(FIELD, "the first certificate does not certify the "
                        + "public key of spec.request"));
            }
            return List.of();
        } catch (IOException | IllegalArgumentException | InvalidRequestException e) {
            return List.of(FieldError.invalidOmittingValue(FIELD, "a CERTIFICATE block is not a valid X.509 "
                    + "certificate"));
        }
    }
}
