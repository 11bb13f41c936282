package io.certpipe.console.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RequestFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void matchesEveryRowWhenNothingIsChosen() {
        RequestFilter none = RequestFilter.of(null, "", " ", "nonsense");

        assertFalse(none.isSet());
        assertTrue(none.matches(row("default", "example.com/serving", "oidc:alice", "2020-01-01T00:00:00Z"), NOW));
    }

    @Test
    void keepsOnlyRowsOfTheChosenClusterSignerRequesterAndAge() {
        RequestFilter filter = RequestFilter.of("default", "example.com/serving", "oidc:alice", "24h");

        assertTrue(filter.matches(row("default", "example.com/serving", "oidc:alice", "2026-12-06T00:00:00Z"), NOW));
        assertFalse(filter.matches(row("tenant-b", "example.com/serving", "oidc:alice", "2026-12-06T00:00:00Z"),
                NOW));
        assertFalse(filter.matches(row("default", "kubernetes.io/kube-apiserver-client", "oidc:alice",
                "2026-12-06T00:00:00Z"), NOW));
        assertFalse(filter.matches(row("default", "example.com/serving", "oidc:bob", "2026-12-06T00:00:00Z"), NOW));
        assertFalse(filter.matches(row("default", "example.com/serving", "oidc:alice", "2026-12-04T00:00:00Z"),
                NOW));
    }

    @Test
    void handsItsFiltersToTheLiveUpdatesEncoded() {
        assertEquals("signer=example.com%2Fserving&requester=oidc%3Aalice&age=7d",
                RequestFilter.of("default", "example.com/serving", "oidc:alice", "7d").liveQuery());
        assertEquals("", RequestFilter.of("default", null, null, null).liveQuery());
    }

    @Test
    void listsPendingRequestsFirstThenTheNewest() {
        RequestRow oldPending = row("default", "s", "a", "2026-12-01T00:00:00Z");
        RequestRow newPending = row("default", "s", "a", "2026-12-05T00:00:00Z");
        RequestRow newestIssued = new RequestRow("default", "x", "/x", "s", "a", Instant.parse(
                "2026-12-06T00:00:00Z"), "12h", RequestState.ISSUED);

        assertEquals(List.of(newPending, oldPending, newestIssued),
                List.of(newestIssued, oldPending, newPending).stream().sorted(RequestRow.PENDING_FIRST).toList());
    }

    private static RequestRow row(String cluster, String signer, String requester, String created) {
        return new RequestRow(cluster, "csr-" + created, "/clusters/" + cluster + "/requests/x", signer, requester,
                Instant.parse(created), "", RequestState.PENDING);
    }
}
