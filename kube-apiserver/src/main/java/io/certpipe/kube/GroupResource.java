package io.certpipe.kube;

/** A resource of an API group, as Kubernetes names it in messages: {@code certificatesigningrequests.certificates.k8s.io}. */
public record GroupResource(String group, String resource) {

    /** {@code resource.group "name"}, or only {@code resource.group} when no name is involved. */
    public String describe(String name) {
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        return name == null || name.isEmpty() ? qualified : qualified + " \"" + name + "\"";
    }
}
