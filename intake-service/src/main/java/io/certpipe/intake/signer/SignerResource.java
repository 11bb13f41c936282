package io.certpipe.intake.signer;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.certpipe.kube.ApiException;
import io.certpipe.kube.GroupResource;
import io.certpipe.kube.HumanDuration;
import io.certpipe.kube.Table;
import io.certpipe.intake.tenancy.ClusterRouting;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code certpipe.io/v1} Signers, read-only: each signer of the cluster with everything Kubernetes asks a signer to
 * document (trust distribution, permitted subjects, extensions and usages, lifetime, CA bit) and whether its CA key
 * works. {@code kubectl get signers.certpipe.io}, {@code kubectl describe signer.certpipe.io example.com:serving}
 * (an object name has no '/', so the signer's becomes ':').
 */
@Path("/clusters/{cluster}")
public class SignerResource {

    private static final String COLLECTION = "apis/" + SignerObjects.SIGNER_GROUP_VERSION + "/" + SignerObjects.SIGNERS;
    private static final GroupResource SIGNERS = new GroupResource(SignerObjects.SIGNER_GROUP, SignerObjects.SIGNERS);
    private static final String NONE = "<none>";
    private static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Name", "string", "name", "The signer as an object name ('/' becomes ':').", 0),
            new Table.Column("SignerName", "string", "", "The spec.signerName this signer serves.", 0),
            new Table.Column("Key Mode", "string", "", "Where the CA key lives: file or pkcs11.", 0),
            new Table.Column("CA Works", "boolean", "", "Whether the CA key signed its last check.", 0),
            new Table.Column("Max Lifetime", "string", "", "The longest certificate it issues.", 0),
            new Table.Column("CA Bit", "boolean", "", "Whether it issues CA certificates.", 1),
            new Table.Column("Trust Bundle", "string", "", "The ClusterTrustBundle with its CA certificates.", 1));

    private final SignerCatalogue catalogue;

    public SignerResource(SignerCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Path(COLLECTION)
    public Response list(@RestQuery String includeObject, @RestHeader(HttpHeaders.ACCEPT) String accept,
            RoutingContext routing) {
        String cluster = ClusterRouting.clusterOf(routing);
        return objects(cluster).list(catalogue.all(cluster), includeObject, accept);
    }

    @GET
    @Path(COLLECTION + "/{name}")
    public Response get(@RestPath String name, @RestQuery String includeObject,
            @RestHeader(HttpHeaders.ACCEPT) String accept, RoutingContext routing) {
        String cluster = ClusterRouting.clusterOf(routing);
        PublishedSigner signer = catalogue.findByObjectName(cluster, PublishedSigner::objectName, name)
                .orElseThrow(() -> ApiException.notFound(SIGNERS, name));
        return objects(cluster).get(signer, includeObject, accept);
    }

    private static PublishedObjects<SignerObjects.Signer> objects(String cluster) {
        return new PublishedObjects<>("SignerList", SignerObjects.SIGNER_GROUP_VERSION, COLUMNS,
                signer -> SignerObjects.signer(cluster, signer), SignerObjects.Signer::metadata,
                (signer, object) -> cells(object, signer));
    }

    private static List<Object> cells(SignerObjects.Signer object, PublishedSigner signer) {
        Duration maximum = signer.data().policy().lifetime() == null ? null
                : signer.data().policy().lifetime().maximum();
        return List.of(object.metadata().name(), signer.data().signerName(),
                String.valueOf(object.status().keyMode()), signer.data().caWorks(),
                maximum == null ? NONE : HumanDuration.of(maximum), object.spec().caBitAllowed(),
                object.spec().trustDistribution().clusterTrustBundle());
    }

    private void authorize(RoutingContext routing, String verb, String name) {
    }
}
