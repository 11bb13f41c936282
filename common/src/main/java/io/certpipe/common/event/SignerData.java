package io.certpipe.common.event;

import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.common.signer.KeyMode;
import io.certpipe.common.signer.SignerPolicy;

/**
 * One signer as signing-service serves it, published on {@link Topics#SIGNERS} (compacted, keyed
 * {@code <cluster>/<signerName>}) at start and whenever it changes: the rules it signs by, the CA certificates that
 * verify what it issues ({@code trustBundle}: PEM, the signing CA's certificate first, more than one during a CA
 * rotation), where its CA key lives, and whether that key works right now ({@code caProblem} says why not).
 * {@code cluster} repeats the envelope's, so the data stands alone where a consumer keeps it. {@code approval} is who
 * must approve its requests (intake enforces it on the {@code approval} subresource); absent: Kubernetes' rules.
 */
public record SignerData(Actor actor, String cluster, String signerName, SignerPolicy policy, String trustBundle,
        KeyMode keyMode, boolean caWorks, String caProblem, ApprovalRules approval) implements EventData {

    public SignerData {
        approval = ApprovalRules.orKubernetes(approval);
    }
}
