package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.kube.ApiException;
import io.certpipe.kube.Table;
import org.junit.jupiter.api.Test;

class CsrTableTest {

    private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n";

    @Test
    void conditionColumnReadsAsKubernetesPrintsIt() {
        StoredCsr pending = TestCsrs.pending("a");
        StoredCsr approved = pending.withCondition(TestCsrs.condition(CsrCondition.APPROVED));

        assertEquals("Pending", CsrTable.condition(pending));
        assertEquals("Approved", CsrTable.condition(approved));
        assertEquals("Approved,Issued", CsrTable.condition(approved.withCertificate(CERTIFICATE)));
        assertEquals("Denied", CsrTable.condition(pending.withCondition(TestCsrs.condition(CsrCondition.DENIED))));
        assertEquals("Approved,Failed",
                CsrTable.condition(approved.withCondition(TestCsrs.condition(CsrCondition.FAILED))));
    }

    @Test
    void rendersKubernetesColumnsWithMetadataForEachRow() {
        StoredCsr csr = TestCsrs.pending("alice");
        StoredCsr withDuration = new StoredCsr(csr.cluster(), csr.name(), csr.uid(), csr.resourceVersion(),
                csr.creationTimestamp(), csr.labels(), csr.annotations(), csr.signerName(), csr.requestPem(),
                csr.usages(), 86400, csr.username(), csr.userUid(), csr.groups(), csr.extra(), csr.conditions(),
                csr.certificatePem(), csr.approvals());

        Table table = CsrTable.render(List.of(withDuration), 12, TestCsrs.NOW);

        assertEquals("Table", table.kind());
        assertEquals("meta.k8s.io/v1", table.apiVersion());
        assertEquals("12", table.metadata().resourceVersion());
        assertEquals(List.of("Name", "Age", "SignerName", "Requestor", "RequestedDuration", "Condition", "Reason",
                "Message"), table.columnDefinitions().stream().map(Table.Column::name).toList());
        Table.Row row = table.rows().getFirst();
        assertEquals(List.of("alice", "90s", "kubernetes.io/kube-apiserver-client", "certpipe-admin", "24h",
                "Pending", "<none>", "<none>"), row.cells());
        Table.PartialObjectMetadata object = (Table.PartialObjectMetadata) row.object();
        assertEquals("PartialObjectMetadata", object.kind());
        assertEquals("alice", object.metadata().name());
        assertEquals("dev", object.metadata().labels().get("team"));
    }

    @Test
    void wideColumnsShowTheLatestConditionsReasonAndMessage() {
        StoredCsr denied = TestCsrs.pending("bob").withCondition(new CsrCondition(CsrCondition.DENIED, "True",
                "NotOurTeam", "ask the platform team", TestCsrs.NOW, TestCsrs.NOW));

        Table table = CsrTable.render(List.of(denied), 2, TestCsrs.NOW);

        assertEquals(List.of(1, 1), table.columnDefinitions().subList(6, 8).stream()
                .map(Table.Column::priority).toList());
        assertEquals(List.of("Denied", "NotOurTeam", "ask the platform team"),
                table.rows().getFirst().cells().subList(5, 8));
    }

    @Test
    void includeObjectChoosesWhatEachRowCarries() {
        StoredCsr csr = TestCsrs.pending("carol");

        Object whole = CsrTable.render(List.of(csr), 1, TestCsrs.NOW, Table.IncludeObject.OBJECT).rows()
                .getFirst().object();
        Object none = CsrTable.render(List.of(csr), 1, TestCsrs.NOW, Table.IncludeObject.NONE).rows()
                .getFirst().object();

        assertEquals("carol", ((CertificateSigningRequest) whole).metadata().name());
        assertEquals(null, none);
        assertEquals(Table.IncludeObject.METADATA, Table.IncludeObject.of(null));
        assertThrows(ApiException.class, () -> Table.IncludeObject.of("object"));
    }

    @Test
    void requestedDurationIsNoneWhenUnset() {
        Table table = CsrTable.render(List.of(TestCsrs.pending("a")), 1, TestCsrs.NOW);

        assertEquals("<none>", table.rows().getFirst().cells().get(4));
    }

    @Test
    void emptyListStillHasRows() {
        Table table = CsrTable.render(List.of(), 3, TestCsrs.NOW);

        assertTrue(table.rows().isEmpty());
    }

    @Test
    void recognisesKubectlsTableAccept() {
        assertTrue(Table.isRequestedBy("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;"
                + "v=v1beta1;g=meta.k8s.io,application/json"));
        assertFalse(Table.isRequestedBy("application/json"));
        assertFalse(Table.isRequestedBy("application/vnd.kubernetes.protobuf,application/json"));
        assertFalse(Table.isRequestedBy(null));
    }
}
