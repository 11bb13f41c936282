package io.certpipe.signing.profile;

import java.util.Set;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.ParsedRequest;
import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.csr.KubernetesIdentities;

/**
 * {@code kubernetes.io/kube-apiserver-client}: client certificates the API server honours. {@code client auth} is
 * required, only signature and key encipherment may come with it, and nobody gets {@code system:masters} this way.
 */
public final class KubeApiserverClientProfile implements SignerProfile {


    private static final UsageRule USAGES = new UsageRule(Set.of(KeyUsages.CLIENT_AUTH),
            Set.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT));

    @Override
    public String signerName() {
        return SignerNames.KUBE_APISERVER_CLIENT;
    }

    @Override
    public void check(ParsedRequest request, Set<String> usages) {
        KeyStrengthRule.check(request, signerName());
        USAGES.check(usages, signerName());
        if (request.organizations().contains(KubernetesIdentities.MASTERS_GROUP)) {
            throw new SignerRuleViolation("organization \"" + KubernetesIdentities.MASTERS_GROUP + "\" is not allowed for "
                    + signerName());
        }
    }
}
