package io.certpipe.common.approval;

import java.util.List;

import io.certpipe.common.csr.KeyUsages;
import io.certpipe.common.csr.KubernetesIdentities;
import io.certpipe.common.csr.SignerNames;

/**
 * The approval policies certpipe ships, as values of the model, so that the service, the launcher and the deployment
 * files all take them from here.
 */
public final class BuiltInApprovalPolicies {

    public static final String KUBELET_CLIENT = "kubelet-client";
    public static final String KUBELET_SERVING = "kubelet-serving";

    private static final OrganizationConstraint NODES_ONLY =
            OrganizationConstraint.exactly(List.of(KubernetesIdentities.NODES_GROUP));

    /** kubelet-csr-approver's default {@code MAX_EXPIRATION_SEC}: a year and two days. */
    static final int KUBELET_SERVING_MAX_EXPIRATION_SECONDS = 367 * 24 * 60 * 60;

    private BuiltInApprovalPolicies() {
    }

    /** Every built-in policy. */
    public static List<ApprovalPolicy> all() {
        return List.of(kubeletClient(), kubeletServing());
    }

    /**
     * Kubernetes' approval of a kubelet's own client certificate ({@code isSelfNodeClientCert} in
     * {@code pkg/controller/certificates/approver/sarapprove.go}): signer {@code kube-apiserver-client-kubelet}, asked
     * by a member of {@code system:nodes} for itself (O exactly {@code system:nodes}, CN {@code system:node:<name>}
     * equal to the requester), no subject alternative names, the kubelet client usages, and the requester allowed to
     * {@code create certificatesigningrequests/selfnodeclient}. Anything else is left to other policies.
     */
    public static ApprovalPolicy kubeletClient() {
        Selector nodeClients = new Selector(List.of(SignerNames.KUBE_APISERVER_CLIENT_KUBELET), null,
                List.of(KubernetesIdentities.NODES_GROUP));
        Constraints ownClientCertificate = Constraints.builder()
                .subject(new SubjectConstraint(new CommonNameConstraint(
                        List.of(KubernetesIdentities.NODE_USER_PREFIX + "*"), true), NODES_ONLY))
                .subjectAlternativeNames(SubjectAlternativeNamesConstraint.NONE)
                .usages(new UsageConstraint(
                        List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.CLIENT_AUTH),
                        List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH)))
                .requesterAccess(List.of(new AccessRule("create", "certificates.k8s.io",
                        "certificatesigningrequests", "selfnodeclient")))
                .build();
        return new ApprovalPolicy(KUBELET_CLIENT, new ApprovalPolicySpec(nodeClients, ownClientCertificate,
                ApprovalPolicySpec.IGNORE));
    }

    /**
     * A kubelet's serving certificate, with the checks of postfinance's kubelet-csr-approver: signer
     * {@code kubelet-serving}, asked by a node for itself (O exactly {@code system:nodes}, CN the requester), at least
     * one and at most five names, DNS names the node's own ({@code ${node}}, {@code ${node}.**}), IP addresses in the
     * private IPv4 ranges of RFC 1918, no e-mail address or URI, the kubelet serving usages, and at most 367 days
     * asked for in {@code expirationSeconds}. A kubelet that asks for more is denied: the names of a serving certificate are what its clients trust. Clusters whose nodes have
     * IPv6 or public addresses declare a policy of their own.
     */
    public static ApprovalPolicy kubeletServing() {
        Selector nodes = new Selector(List.of(SignerNames.KUBELET_SERVING),
                List.of(KubernetesIdentities.NODE_USER_PREFIX + "*"), List.of(KubernetesIdentities.NODES_GROUP));
        Constraints ownServingCertificate = Constraints.builder()
                .subject(new SubjectConstraint(new CommonNameConstraint(null, true), NODES_ONLY))
                .dnsNames(DnsNameConstraint.allowing(List.of(DnsNameConstraint.NODE, DnsNameConstraint.NODE + ".**")))
                .ipAddresses(NameConstraint.allowing(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")))
                .emailAddresses(NameConstraint.none())
                .uris(NameConstraint.none())
                .subjectAlternativeNames(new SubjectAlternativeNamesConstraint(5, true))
                .usages(new UsageConstraint(
                        List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.KEY_ENCIPHERMENT, KeyUsages.SERVER_AUTH),
                        List.of(KeyUsages.SERVER_AUTH)))
                .maxExpirationSeconds(KUBELET_SERVING_MAX_EXPIRATION_SECONDS)
                .build();
        return new ApprovalPolicy(KUBELET_SERVING, new ApprovalPolicySpec(nodes, ownServingCertificate,
                ApprovalPolicySpec.DENY));
    }
}
