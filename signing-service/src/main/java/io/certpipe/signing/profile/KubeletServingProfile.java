package io.certpipe.signing.profile;

import java.util.Set;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.SignerNames;

/**
 * {@code kubernetes.io/kubelet-serving}: a kubelet's serving certificate. A node subject, at least one DNS name or IP
 * address and no e-mail or URI names, usages {digital signature, server auth} plus optionally key encipherment.
 */
public final class KubeletServingProfile implements SignerProfile {

    private static final UsageRule USAGES = new UsageRule(
            Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH), Set.of(KeyUsages.KEY_ENCIPHERMENT));

    @Override
    public String signerName() {
        return SignerNames.KUBELET_SERVING;
    }

    @Override
    public void check(ParsedRequest request, Set<String> usages) {
        KeyStrengthRule.check(request, signerName());
        KubeletSubjectRule.check(request, signerName());
        if (request.dnsNames().isEmpty() && request.ipAddresses().isEmpty()) {
            throw new SignerRuleViolation("at least one DNS name or IP address is required for " + signerName());
        }
        if (!request.emailAddresses().isEmpty()) {
            throw new SignerRuleViolation("email subject alternative names are not allowed for " + signerName());
        }
        if (!request.uris().isEmpty()) {
            throw new SignerRuleViolation("URI subject alternative names are not allowed for " + signerName());
        }
        USAGES.check(usages, signerName());
    }
}
