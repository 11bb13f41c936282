package io.certpipe.intake.csr;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.kube.GroupResource;
import io.certpipe.kube.storage.StoredKind;

/** How the change log keeps requests: whole, as the request column converter writes them. */
@ApplicationScoped
public class CsrKind implements StoredKind<StoredCsr> {

    private static final JsonColumn.Csr JSON = new JsonColumn.Csr();

    @Override
    public GroupResource groupResource() {
        return CsrApi.GROUP_RESOURCE;
    }

    @Override
    public String encode(StoredCsr csr) {
        return JSON.convertToDatabaseColumn(csr);
    }

    @Override
    public StoredCsr decode(String stored) {
        return JSON.convertToEntityAttribute(stored);
    }

    @Override
    public long resourceVersionOf(StoredCsr csr) {
        return csr.resourceVersion();
    }

    @Override
    public StoredCsr withResourceVersion(StoredCsr csr, long resourceVersion) {
        return csr.withResourceVersion(resourceVersion);
    }
}
