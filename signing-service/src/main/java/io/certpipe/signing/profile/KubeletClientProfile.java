package io.certpipe.signing.profile;

import java.util.Set;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.SignerNames;

/**
 * {@code kubernetes.io/kube-apiserver-client-kubelet}: a node's client certificate. A node subject, no subject
 * alternative names at all, usages {digital signature, client auth} plus optionally key encipherment.
 */
public final class KubeletClientProfile implements SignerProfile {

    private static final UsageRule USAGES = new UsageRule(
            Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH), Set.of(KeyUsages.KEY_ENCIPHERMENT));

    @Override
    public String signerName() {
        return SignerNames.KUBE_APISERVER_CLIENT_KUBELET;
    }

    @Override
    public void check(ParsedRequest request, Set<String> usages) {
        KeyStrengthRule.check(request, signerName());
        KubeletSubjectRule.check(request, signerName());
        if (request.hasSubjectAlternativeNames()) {
            throw new SignerRuleViolation("subject alternative names are not allowed for " + signerName());
        }
        USAGES.check(usages, signerName());
    }
}
