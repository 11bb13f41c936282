package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.FieldValidation;
import io.certpipe.kube.Patch;
import io.certpipe.kube.PatchType;
import io.certpipe.kube.Patches;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

class CsrPatchTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final Patches PATCHES = new Patches(JSON, () -> new MemorySize(BigInteger.valueOf(256 * 1024)));

    @Test
    void kubectlApplyChangesLabelsAndAnnotations() {
        StoredCsr current = TestCsrs.pending("alice");

        Outcome outcome = patch(PatchType.STRATEGIC_MERGE, """
                {"metadata":{"labels":{"team":"ops","tier":"gold"},"annotations":{"note":"x"}}}""")
                .applyTo(current, TestCsrs.NOW);

        StoredCsr relabelled = assertInstanceOf(Outcome.Relabelled.class, outcome).csr();
        assertEquals(Map.of("team", "ops", "tier", "gold"), relabelled.labels());
        assertEquals(Map.of("note", "x"), relabelled.annotations());
    }

    @Test
    void nullRemovesALabel() {
        Outcome outcome = patch(PatchType.MERGE, """
                {"metadata":{"labels":{"team":null}}}""").applyTo(TestCsrs.pending("alice"), TestCsrs.NOW);

        assertEquals(Map.of(), assertInstanceOf(Outcome.Relabelled.class, outcome).csr().labels());
    }

    @Test
    void samePatchAgainChangesNothing() {
        Outcome outcome = patch(PatchType.MERGE, """
                {"metadata":{"labels":{"team":"dev"}}}""").applyTo(TestCsrs.pending("alice"), TestCsrs.NOW);

        assertInstanceOf(Outcome.Unchanged.class, outcome);
    }

    @Test
    void specIsImmutable() {
        ApiException refusal = assertThrows(ApiException.class, () -> patch(PatchType.MERGE, """
                {"spec":{"expirationSeconds":7200}}""").applyTo(TestCsrs.pending("alice"), TestCsrs.NOW));

        assertEquals(422, refusal.code());
        assertEquals("spec", refusal.details().causes().getFirst().field());
    }

    @Test
    void jsonPatchAddsALabel() {
        Outcome outcome = patch(PatchType.JSON, """
                [{"op":"add","path":"/metadata/labels/a","value":"b"}]""")
                .applyTo(TestCsrs.pending("alice"), TestCsrs.NOW);

        assertEquals(Map.of("team", "dev", "a", "b"),
                assertInstanceOf(Outcome.Relabelled.class, outcome).csr().labels());
    }

    @Test
    void jsonPatchThatChangesTheSpecIsRefusedLikeAnyPatch() {
        ApiException refusal = assertThrows(ApiException.class, () -> patch(PatchType.JSON, """
                [{"op":"replace","path":"/spec/usages/0","value":"server auth"}]""")
                .applyTo(TestCsrs.pending("alice"), TestCsrs.NOW));

        assertEquals(422, refusal.code());
        assertEquals("spec", refusal.details().causes().getFirst().field());
    }

    @Test
    void patchedLabelsAreValidatedAsOnCreation() {
        ApiException refusal = assertThrows(ApiException.class, () -> patch(PatchType.JSON, """
                [{"op":"add","path":"/metadata/labels/bad key!","value":"b"}]""")
                .applyTo(TestCsrs.pending("alice"), TestCsrs.NOW));

        assertEquals(422, refusal.code());
        assertEquals("metadata.labels", refusal.details().causes().getFirst().field());
        assertTrue(refusal.getMessage().startsWith("CertificateSigningRequest.certificates.k8s.io \"alice\" is "
                + "invalid: metadata.labels: Invalid value: \"bad key!\": name part must consist of"),
                refusal.getMessage());
    }

    @Test
    void aStaleResourceVersionInThePatchIsAConflict() {
        ApiException refusal = assertThrows(ApiException.class, () -> patch(PatchType.JSON, """
                [{"op":"replace","path":"/metadata/resourceVersion","value":"6"},
                 {"op":"add","path":"/metadata/labels/a","value":"b"}]""")
                .applyTo(TestCsrs.pending("alice"), TestCsrs.NOW));

        assertEquals(409, refusal.code());
    }

    @Test
    void aPatchCannotRename() {
        ApiException refusal = assertThrows(ApiException.class, () -> patch(PatchType.JSON, """
                [{"op":"replace","path":"/metadata/name","value":"bob"}]""")
                .applyTo(TestCsrs.pending("alice"), TestCsrs.NOW));

        assertEquals(400, refusal.code());
        assertEquals("the name of the object (bob) does not match the name on the URL (alice)",
                refusal.getMessage());
    }

    @Test
    void unknownFieldsAddedByAJsonPatchAreRefusedUnderStrictValidation() {
        CsrChange.MetadataUpdate update = patch(PatchType.JSON, """
                [{"op":"add","path":"/spec/foo","value":"bar"}]""", FieldValidation.STRICT, new ArrayList<>());

        ApiException refusal = assertThrows(ApiException.class, () -> update.applyTo(TestCsrs.pending("alice"),
                TestCsrs.NOW));

        assertEquals(400, refusal.code());
        assertTrue(refusal.getMessage().contains("unknown field \"spec.foo\""), refusal.getMessage());
    }

    @Test
    void unknownFieldsAreWarningsUnderWarnValidation() {
        List<String> warnings = new ArrayList<>();

        patch(PatchType.MERGE, """
                {"metadata":{"labels":{"a":"b"},"colour":"blue"}}""", FieldValidation.WARN, warnings)
                .applyTo(TestCsrs.pending("alice"), TestCsrs.NOW);

        assertEquals(List.of("unknown field \"metadata.colour\""), warnings);
    }

    @Test
    void refusesAPatchTypeItDoesNotServe() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> PatchType.of("application/xml-patch+xml", CsrApi.PATCH_TYPES));

        assertEquals(415, refusal.code());
        assertTrue(refusal.getMessage().contains("application/json-patch+json"), refusal.getMessage());
    }

    private static CsrChange.MetadataUpdate patch(PatchType type, String body) {
        return patch(type, body, FieldValidation.IGNORE, new ArrayList<>());
    }

    private static CsrChange.MetadataUpdate patch(PatchType type, String body, FieldValidation validation,
            List<String> warnings) {
        Patch patch = PATCHES.read(type, body.getBytes());
        return new CsrChange.MetadataUpdate(current -> CsrPatch.apply(current, patch, validation, warnings,
                PATCHES, JSON));
    }
}
