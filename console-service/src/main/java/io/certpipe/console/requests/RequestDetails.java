package io.certpipe.console.requests;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.console.intake.ApiPaths;
import io.certpipe.console.intake.IntakeApi;
import io.certpipe.console.intake.IntakeException;
import io.certpipe.console.pki.DecodedCertificate;
import io.certpipe.console.pki.DecodedRequest;
import io.certpipe.console.pki.UnreadableException;
import io.certpipe.console.web.Flash;

/**
 * Reads one request for its page, as the signed-in user: the request itself (its refusal or absence is the page's),
 * its Events and its signer's approval rules (a refusal of either only hides that part).
 */
@ApplicationScoped
public class RequestDetails {

    private final IntakeApi intake;
    private final ObjectMapper json;

    public RequestDetails(IntakeApi intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    public Csr request(String cluster, String name, String token) {
        return read(intake.get(cluster, ApiPaths.request(name), token));
    }

    public RequestView view(String cluster, String name, String token, Flash flash) {
        Csr csr = request(cluster, name, token);
        String path = RequestRow.detailPath(cluster, name);
        DecodedRequest decoded = null;
        String requestProblem = null;
        try {
            decoded = DecodedRequest.decode(csr.requestPem());
        } catch (UnreadableException | IllegalArgumentException unreadable) {
            requestProblem = unreadable.getMessage();
        }
        List<HistoryEntry> history = null;
        String historyProblem = null;
        try {
            history = HistoryEntry.of(intake.get(cluster, ApiPaths.eventsOf(name), token));
        } catch (IntakeException refused) {
            rethrowUnlessPartial(refused);
            historyProblem = refused.status().message();
        }
        DecodedCertificate certificate = null;
        String certificateProblem = null;
        Optional<String> certificatePem = csr.certificatePem();
        if (certificatePem.isPresent()) {
            try {
                certificate = DecodedCertificate.decode(certificatePem.get());
            } catch (UnreadableException unreadable) {
                certificateProblem = unreadable.getMessage();
            }
        }
        return new RequestView(cluster, csr, path, Instant.now(), decoded, requestProblem, history, historyProblem,
                approvalRules(cluster, csr.spec().signerName(), token), certificate, certificateProblem, flash);
    }

    /** The signer's rules, when the user may read its Signer object and it is published. */
    private ApprovalRules approvalRules(String cluster, String signerName, String token) {
        try {
            return ApprovalRules.of(intake.get(cluster, ApiPaths.signer(signerName), token));
        } catch (IntakeException refused) {
            rethrowUnlessPartial(refused);
            return null;
        }
    }

    /** A refused or missing part leaves the rest of the page; a lost sign-in or an unreachable API does not. */
    private static void rethrowUnlessPartial(IntakeException refused) {
        if (!refused.isForbidden() && !refused.isNotFound()) {
            throw refused;
        }
    }

    private Csr read(JsonNode object) {
        try {
            return json.treeToValue(object, Csr.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake served a request the console cannot read: "
                    + e.getOriginalMessage(), e);
        }
    }
}
