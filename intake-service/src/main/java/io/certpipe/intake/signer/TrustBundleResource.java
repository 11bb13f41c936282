package io.certpipe.intake.signer;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.kube.ApiException;
import io.certpipe.kube.GroupResource;
import io.certpipe.kube.Table;
import io.certpipe.intake.tenancy.ClusterRouting;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Each signer's CA certificates, for whoever must trust what it issues: as {@code ClusterTrustBundle} objects
 * ({@code kubectl get clustertrustbundles}, named {@code <signerName with ':' for '/'>:certpipe}, every CA certificate
 * of a signer in one bundle during a rotation) and as plain PEM at {@code /clusters/<cluster>/trust-bundles/<name>.pem}.
 */
@Path("/clusters/{cluster}")
public class TrustBundleResource {

    static final String PEM_PATH = "trust-bundles";
    private static final String COLLECTION = "apis/" + SignerObjects.TRUST_BUNDLE_GROUP_VERSION + "/"
            + SignerObjects.TRUST_BUNDLES;
    private static final String GROUP = "certificates.k8s.io";
    private static final GroupResource BUNDLES = new GroupResource(GROUP, SignerObjects.TRUST_BUNDLES);
    private static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
            new Table.Column("SignerName", "string", "", "signerName indicates the associated signer, if any.", 0));
    private static final MediaType PEM = MediaType.valueOf("application/x-pem-file");
    private static final PublishedObjects<SignerObjects.ClusterTrustBundle> BUNDLE_OBJECTS = new PublishedObjects<>(
            "ClusterTrustBundleList", SignerObjects.TRUST_BUNDLE_GROUP_VERSION, COLUMNS, SignerObjects::trustBundle,
            SignerObjects.ClusterTrustBundle::metadata,
            (signer, bundle) -> List.of(bundle.metadata().name(), signer.data().signerName()));

    private final SignerCatalogue catalogue;

    public TrustBundleResource(SignerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Path(COLLECTION)
    public Response list(@RestQuery String includeObject, @RestHeader(HttpHeaders.ACCEPT) String accept,
            RoutingContext routing) {
        return BUNDLE_OBJECTS.list(catalogue.all(ClusterRouting.clusterOf(routing)), includeObject, accept);
    }

    @GET
    @Path(COLLECTION + "/{name}")
    public Response get(@RestPath String name, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        return BUNDLE_OBJECTS.get(find(routing, name, SignerObjects::bundleName, BUNDLES), includeObject, accept);
    }

    @GET
    @Path(PEM_PATH + "/{file}")
    public Response pem(@RestPath String file, RoutingContext routing) {
        String name = file.endsWith(".pem") ? file.substring(0, file.length() - ".pem".length()) : file;
        PublishedSigner signer = find(routing, name, PublishedSigner::objectName,
                new GroupResource("", PEM_PATH));
        return Response.ok(signer.data().trustBundle(), PEM).build();
    }

    private PublishedSigner find(RoutingContext routing, String name,
            Function<PublishedSigner, String> nameOf, GroupResource resource) {
        return catalogue.findByObjectName(ClusterRouting.clusterOf(routing), nameOf, name)
                .orElseThrow(() -> ApiException.notFound(resource, name));
    }

    private void authorize(RoutingContext routing, String verb, String name) {
    }
}
