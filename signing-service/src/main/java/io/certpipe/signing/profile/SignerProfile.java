package io.certpipe.signing.profile;

import java.util.Set;

import io.certpipe.common.csr.ParsedRequest;

/**
 * What one signer accepts, as Kubernetes' built-in signers define it ({@code pkg/controller/certificates/signer},
 * {@code authority/policies.go}). The subject and names come from the verified request, the usages from
 * {@code spec.usages}; nothing is taken on trust from upstream.
 */
public interface SignerProfile {

    /** The {@code spec.signerName} this profile serves. */
    String signerName();

    /**
     * Refuses a request this signer must not sign: a weak subject key, or a subject, names or usages outside its
     * rules.
     *
     * @throws SignerRuleViolation naming the rule that was broken
     */
    void check(ParsedRequest request, Set<String> usages);
}
