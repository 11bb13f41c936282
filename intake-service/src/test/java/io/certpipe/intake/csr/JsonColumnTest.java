package io.certpipe.intake.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonColumnTest {

    private final JsonColumn.Csr column = new JsonColumn.Csr();

    @Test
    void requestSurvivesTheLogsJsonColumn() {
        StoredCsr issued = TestCsrs.pending("a").withCondition(TestCsrs.condition("Approved"))
                .withCertificate(TestCsrs.pem("CN=a")).withResourceVersion(12);

        String stored = column.convertToDatabaseColumn(issued);

        assertEquals(issued, column.convertToEntityAttribute(stored));
    }

    @Test
    void absentRequestIsSqlNull() {
        assertNull(column.convertToDatabaseColumn(null));
        assertNull(column.convertToEntityAttribute(null));
    }

    @Test
    void logKeepsWhatTheRequestHoldsNotWhatItDerives() throws Exception {
        StoredCsr issued = TestCsrs.pending("a").withCertificate(TestCsrs.pem("CN=a"));

        JsonNode stored = new ObjectMapper().readTree(column.convertToDatabaseColumn(issued));

        assertTrue(stored.has("certificatePem"));
        assertFalse(stored.has("issued"), stored.toString());
    }
}
