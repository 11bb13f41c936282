package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.certpipe.intake.kube.ApiException;
import io.certpipe.intake.kube.JsonMergePatch;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void kubectlApplyChangesLabelsAndAnnotations() throws Exception {
        StoredCsr current = TestCsrs.pending("alice");

        Outcome outcome = patch("""
                {"metadata":{"labels":{"team":"ops","tier":"gold"},"annotations":{"note":"x"}}}""")
                .applyTo(current, TestCsrs.NOW);

        StoredCsr relabelled = assertInstanceOf(Outcome.Relabelled.class, outcome).csr();
        assertEquals(Map.of("team", "ops", "tier", "gold"), relabelled.labels());
        assertEquals(Map.of("note", "x"), relabelled.annotations());
    }

    @Test
    void nullRemovesALabel() throws Exception {
        Outcome outcome = patch("""
                {"metadata":{"labels":{"team":null}}}""").applyTo(TestCsrs.pending("alice"), TestCsrs.NOW);

        assertEquals(Map.of(), assertInstanceOf(Outcome.Relabelled.class, outcome).csr().labels());
    }

    @Test
    void samePatchAgainChangesNothing() throws Exception {
        Outcome outcome = patch("""
                {"metadata":{"labels":{"team":"dev"}}}""").applyTo(TestCsrs.pending("alice"), TestCsrs.NOW);

        assertInstanceOf(Outcome.Unchanged.class, outcome);
    }

    @Test
    void specIsImmutable() throws Exception {
        ApiException refusal = assertThrows(ApiException.class, () -> patch("""
                {"spec":{"expirationSeconds":7200}}""").applyTo(TestCsrs.pending("alice"), TestCsrs.NOW));

        assertEquals(422, refusal.code());
        assertEquals("spec", refusal.details().causes().getFirst().field());
    }

    @Test
    void refusesJsonPatch() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> JsonMergePatch.parse("application/json-patch+json", "[]".getBytes(), JSON));

        assertEquals(415, refusal.code());
    }

    private static CsrChange.MetadataUpdate patch(String body) throws Exception {
        JsonNode patch = JsonMergePatch.parse(JsonMergePatch.STRATEGIC_MERGE_PATCH, body.getBytes(), JSON);
        return new CsrChange.MetadataUpdate(current -> MergePatch.apply(current, patch, JSON));
    }
}
