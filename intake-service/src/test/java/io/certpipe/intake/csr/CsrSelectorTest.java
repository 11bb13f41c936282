package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.kube.ApiException;
import org.junit.jupiter.api.Test;

class CsrSelectorTest {

    private final StoredCsr alice = TestCsrs.pending("alice");

    @Test
    void selectsByNameAndSigner() {
        assertTrue(CsrSelector.of("metadata.name=alice", null).test(alice));
        assertTrue(CsrSelector.of("spec.signerName==kubernetes.io/kube-apiserver-client", "").test(alice));
        assertFalse(CsrSelector.of("metadata.name!=alice", null).test(alice));
        assertFalse(CsrSelector.of("metadata.name=alice,spec.signerName=example.com/x", null).test(alice));
    }

    @Test
    void selectsByConditionTypeAsTheTutorialsDo() {
        StoredCsr denied = alice.withCondition(new CsrCondition(CsrCondition.DENIED, "True", "R", "M",
                TestCsrs.NOW, TestCsrs.NOW));

        assertTrue(CsrSelector.of("status.conditions[*].type=Denied", null).test(denied));
        assertFalse(CsrSelector.of("status.conditions[*].type=Denied", null).test(alice));
        assertTrue(CsrSelector.of("status.conditions[*].type!=Approved", null).test(denied));
        assertFalse(CsrSelector.of("status.conditions[*].type!=Denied", null).test(denied));
    }

    @Test
    void selectsByLabels() {
        assertTrue(CsrSelector.of(null, "team=dev").test(alice));
        assertTrue(CsrSelector.of(null, "team").test(alice));
        assertFalse(CsrSelector.of(null, "!team").test(alice));
        assertFalse(CsrSelector.of(null, "team!=dev").test(alice));
        assertTrue(CsrSelector.of(null, "team in (dev,ops),tier notin (gold)").test(alice));
    }

    @Test
    void unsupportedFieldIsABadRequest() {
        ApiException refusal = assertThrows(ApiException.class, () -> CsrSelector.of("status.foo=x", null));

        assertEquals(400, refusal.code());
    }
}
