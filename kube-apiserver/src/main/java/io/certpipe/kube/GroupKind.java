package io.certpipe.kube;

/** A kind of an API group, as Kubernetes names it in validation messages: {@code CertificateSigningRequest.certificates.k8s.io}. */
public record GroupKind(String group, String kind) {

    public String describe(String name) {
        return kind + "." + group + " \"" + name + "\"";
    }
}
