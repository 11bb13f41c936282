package io.certpipe.intake.csr;

import io.certpipe.intake.objects.KindSchemas;
import io.certpipe.kube.Schema;

/** The fields of a CertificateSigningRequest, for {@code fieldValidation}: those its OpenAPI schema declares. */
final class CsrSchema {

    static final Schema CSR = KindSchemas.fieldsOf(CsrApi.DECLARATION);

    private CsrSchema() {
    }
}
