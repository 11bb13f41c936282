package io.certpipe.approval.policy;

import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.event.CsrSnapshot;

/**
 * A new request as the policies see it: the stored object (signer, usages, requesting user and groups) and the PKCS#10
 * that approval-service parsed itself (intake verified its signature on admission and signed the event that carried
 * it), its subject read the one way every service reads it. A request
 * whose subject reads more than one way never becomes a candidate: {@link PolicyChain} defers it unparsed.
 */
public record CandidateRequest(CsrSnapshot csr, ParsedRequest parsed) {
}
