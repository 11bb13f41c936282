package io.certpipe.console.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiPathsTest {

    @Test
    void encodesANameAsOnePathSegmentSoItCannotReachAnotherPath() {
        assertEquals("/apis/certificates.k8s.io/v1/certificatesigningrequests/a%3Fwatch%3Dtrue%23x%20y/approval",
                ApiPaths.approval("a?watch=true#x y"));
    }

    @Test
    void namesASignerObjectAsIntakePublishesIt() {
        assertEquals("/apis/certpipe.io/v1/signers/example.com%3Aprivileged-client",
                ApiPaths.signer("example.com/privileged-client"));
    }

    @Test
    void asksForTheEventsOfOneRequestAsKubectlDescribeDoes() {
        assertEquals("/api/v1/events?fieldSelector=involvedObject.name%3Dmy-csr", ApiPaths.eventsOf("my-csr"));
    }

    @Test
    void acceptsOnlyNamesThatCanExist() {
        assertTrue(ApiPaths.isClusterName("tenant-b"));
        assertFalse(ApiPaths.isClusterName("../etc"));
        assertFalse(ApiPaths.isClusterName("Tenant"));
        assertTrue(ApiPaths.isRequestName("csr-1"));
        assertFalse(ApiPaths.isRequestName(".."));
        assertFalse(ApiPaths.isRequestName("a/b"));
        assertFalse(ApiPaths.isRequestName(""));
    }
}
