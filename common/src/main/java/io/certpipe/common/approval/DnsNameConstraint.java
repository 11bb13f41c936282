package io.certpipe.common.approval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What DNS names a request may carry: as {@link NameConstraint}, with {@link io.certpipe.common.signer.DnsNames}
 * patterns, and with the requesting node's name at hand.
 *
 * <p>{@value #NODE} in a pattern stands for the name of the node whose kubelet asks: the requester's user name without
 * {@code system:node:}. So {@code ${node}} permits the node's own name and {@code ${node}.**} its name followed by one
 * or more labels ({@code n1.example.com}). A requester that is no node cannot meet such patterns, whatever names it
 * asks for, and neither can it meet {@code startWithNode}.
 *
 * @param allowed patterns of which every DNS name must match one; absent: any DNS name
 * @param maxCount the most DNS names; absent: any number
 * @param required whether at least one DNS name must be present
 * @param startWithNode whether every DNS name must be the node's name or start with it and a dot, as
 *        kubelet-csr-approver requires (label by label, so node {@code n1} cannot claim {@code n10.example.com})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DnsNameConstraint(List<String> allowed, Integer maxCount, boolean required, boolean startWithNode)
        implements Constraint {

    /** The placeholder for the requesting node's name. */
    public static final String NODE = "${node}";

    /** A node name that stands in for any when a pattern is validated: every real one is a host name like it. */
    private static final String SAMPLE_NODE = "node";

    public DnsNameConstraint {
        allowed = allowed == null ? null : List.copyOf(allowed);
    }

    /** Only names matching {@code allowed}, any number of them. */
    public static DnsNameConstraint allowing(List<String> allowed) {
        return new DnsNameConstraint(allowed, null, false, false);
    }

    @Override
    public void check(CandidateRequest request, String field, List<BrokenConstraint> broken) {
        Optional<String> node = request.nodeName();
        List<String> patterns = allowed;
        if (allowed != null && allowed.stream().anyMatch(pattern -> pattern.contains(NODE))) {
            if (node.isEmpty()) {
                broken.add(notANode(field + ".allowed", request));
                // Said once for the policy: each name judged against patterns that cannot apply would say it again.
                patterns = null;
            } else {
                patterns = allowed.stream().map(pattern -> pattern.replace(NODE, node.get())).toList();
            }
        }
        NameKind.DNS_NAMES.check(request.parsed(), patterns, maxCount, required, field, broken);
        if (startWithNode) {
            checkStartWithNode(request, node, field + ".startWithNode", broken);
        }
    }

    @Override
    public void addProblems(String field, List<FieldProblem> problems) {
        NameKind.DNS_NAMES.addProblems(allowed, maxCount, required, field, problems);
    }

    /** {@code pattern} with a sample node's name in place of {@value #NODE}, to be validated as a plain pattern. */
    static String withSampleNode(String pattern) {
        return pattern.replace(NODE, SAMPLE_NODE);
    }

    private static void checkStartWithNode(CandidateRequest request, Optional<String> node, String field,
            List<BrokenConstraint> broken) {
        if (node.isEmpty()) {
            broken.add(notANode(field, request));
            return;
        }
        String nodeName = node.get().toLowerCase(Locale.ROOT);
        for (String name : request.parsed().dnsNames()) {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (!lowerCase.equals(nodeName) && !lowerCase.startsWith(nodeName + ".")) {
                broken.add(new BrokenConstraint(field, "DNS name \"" + name
                        + "\" does not start with the node's name \"" + node.get() + "\""));
            }
        }
    }

    private static BrokenConstraint notANode(String field, CandidateRequest request) {
        return new BrokenConstraint(field, "names the requesting node, but the requester \""
                + request.csr().username() + "\" is no node (system:node:<name>)");
    }
}
