package io.certpipe.intake.csr;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Patch;
import io.certpipe.kube.Patches;

/** A patch of a request's wire form ({@link Patches}), and what it leaves of its metadata. */
final class CsrPatch {

    private CsrPatch() {
    }

    /** What {@code patch} makes of {@code current}; field warnings are added to {@code warnings}. */
    static CsrChange.PatchedMetadata apply(StoredCsr current, Patch patch, FieldValidation validation,
            List<String> warnings, Patches patches, ObjectMapper json) {
        CertificateSigningRequest before = CsrRepresentation.toWire(current);
        CertificateSigningRequest patched = patches.apply(patch, before, current.name(),
                CertificateSigningRequest.class, CsrApi.KIND, CsrSchema.CSR, validation, warnings);
        boolean changesSpec = !json.valueToTree(before.spec()).equals(json.valueToTree(patched.spec()));
        return new CsrChange.PatchedMetadata(patched.metadata() == null ? ObjectMeta.none() : patched.metadata(),
                changesSpec);
    }
}
