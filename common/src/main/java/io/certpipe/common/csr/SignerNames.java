package io.certpipe.common.csr;

import java.util.List;
import java.util.regex.Pattern;

/** The signer names Kubernetes defines, and its rule for a well-formed one. */
public final class SignerNames {

    public static final String KUBE_APISERVER_CLIENT = "kubernetes.io/kube-apiserver-client";
    public static final String KUBE_APISERVER_CLIENT_KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";
    public static final String KUBELET_SERVING = "kubernetes.io/kubelet-serving";
    public static final String LEGACY_UNKNOWN = "kubernetes.io/legacy-unknown";

    /** The built-in signers certpipe serves. */
    public static final List<String> BUILT_IN = List.of(KUBE_APISERVER_CLIENT, KUBE_APISERVER_CLIENT_KUBELET,
            KUBELET_SERVING);

    /** A DNS-1123 subdomain, a slash, then a path segment: {@code pkg/apis/certificates/validation}. */
    private static final Pattern DOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final int MAX_DOMAIN_LENGTH = 253;
    private static final int MAX_PATH_LENGTH = 571;

    private SignerNames() {
    }

    /** Why {@code signerName} is not a well-formed signer name, or null when it is. */
    public static String problemWith(String signerName) {
        int slash = signerName.indexOf('/');
        if (slash < 0) {
            return "must be a fully qualified domain and path of the form 'example.com/signer-name'";
        }
        String domainProblem = domainProblem(signerName.substring(0, slash));
        if (domainProblem != null) {
            return domainProblem;
        }
        String path = signerName.substring(slash + 1);
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH || !PATH.matcher(path).matches()) {
            return "the path part must consist of alphanumerics, '-', '_' or '.', and start and end with an alphanumeric";
        }
        return null;
    }

    /** Why {@code domain} is not the domain part of a well-formed signer name, or null when it is. */
    public static String domainProblem(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN_LENGTH || !DOMAIN.matcher(domain).matches()) {
            return "the domain part must be a valid DNS-1123 subdomain (lower-case alphanumerics, '-' and '.')";
        }
        if (!domain.contains(".")) {
            return "the domain part must be fully qualified (contain a '.')";
        }
        return null;
    }
}
