package io.certpipe.common.signer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.KubernetesIdentities;
import io.certpipe.common.csr.SignerNames;

/**
 * Kubernetes' three built-in signers that issue certificates, as policies ({@code pkg/controller/certificates/signer},
 * {@code authority/policies.go} and the signer documentation). Their lifetime is the cluster's signing duration
 * (Kubernetes' {@code --cluster-signing-duration}); everything else is fixed.
 */
public final class KubernetesSigners {

    /** Kubernetes' default {@code --cluster-signing-duration}. */
    public static final Duration DEFAULT_SIGNING_DURATION = Duration.ofDays(365);

    private static final String NODE_COMMON_NAME = KubernetesIdentities.NODE_USER_PREFIX + ".+";
    private static final SubjectRules NODE_SUBJECT = new SubjectRules(NODE_COMMON_NAME,
            AttributeRules.exactly(List.of(KubernetesIdentities.NODES_GROUP)), AttributeRules.ANY);

    private KubernetesSigners() {
    }

    /**
     * {@code kubernetes.io/kube-apiserver-client}: client certificates the API server honours. {@code client auth} is
     * required, only signature and key encipherment may come with it, and nobody gets {@code system:masters} this way.
     */
    public static SignerPolicy kubeApiserverClient(Duration signingDuration) {
        return new SignerPolicy(
                new SubjectRules(null, AttributeRules.anyBut(List.of(KubernetesIdentities.MASTERS_GROUP)),
                        AttributeRules.ANY),
                AlternativeNameRules.ANY,
                new UsageRules(List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.CLIENT_AUTH),
                        List.of(KeyUsages.CLIENT_AUTH)),
                Lifetime.of(signingDuration), null, List.of());
    }

    /**
     * {@code kubernetes.io/kube-apiserver-client-kubelet}: a node's client certificate. A node subject, no subject
     * alternative names at all, usages {digital signature, client auth} plus optionally key encipherment.
     */
    public static SignerPolicy kubeApiserverClientKubelet(Duration signingDuration) {
        return new SignerPolicy(NODE_SUBJECT, AlternativeNameRules.NONE,
                new UsageRules(List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.CLIENT_AUTH),
                        List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH)),
                Lifetime.of(signingDuration), null, List.of());
    }

    /**
     * {@code kubernetes.io/kubelet-serving}: a kubelet's serving certificate. A node subject, at least one DNS name or
     * IP address and no e-mail or URI names, usages {digital signature, server auth} plus optionally key encipherment.
     */
    public static SignerPolicy kubeletServing(Duration signingDuration) {
        AlternativeNameRules hostNames = new AlternativeNameRules(List.of(DnsNames.ANY),
                List.of(IpRange.ANY_IPV4, IpRange.ANY_IPV6), false, false, true, true);
        return new SignerPolicy(NODE_SUBJECT, hostNames,
                new UsageRules(List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.SERVER_AUTH),
                        List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH)),
                Lifetime.of(signingDuration), null, List.of());
    }

    /** The three policies by signer name. */
    public static Map<String, SignerPolicy> policies(Duration signingDuration) {
        return Map.of(
                SignerNames.KUBE_APISERVER_CLIENT, kubeApiserverClient(signingDuration),
                SignerNames.KUBE_APISERVER_CLIENT_KUBELET, kubeApiserverClientKubelet(signingDuration),
                SignerNames.KUBELET_SERVING, kubeletServing(signingDuration));
    }
}
