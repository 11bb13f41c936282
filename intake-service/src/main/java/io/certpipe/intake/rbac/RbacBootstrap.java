package io.certpipe.intake.rbac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.common.CertpipeApi;
import io.certpipe.automation.AutomationContract;
import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.csr.KubernetesIdentities;
import io.certpipe.intake.csr.CsrApi;
import io.certpipe.intake.eventkeys.EventSigningKeysResource;
import io.certpipe.intake.identity.UserInfo;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.storage.ObjectStore;
import io.certpipe.intake.tenancy.Clusters;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * What every cluster's RBAC holds before anyone binds anything, as Kubernetes' bootstrap policy does: admins
 * ({@code system:masters}) may do everything; every authenticated user may discover the API, ask who they are and
 * what they may do, read what each signer issues and trusts (Signers, ClusterTrustBundles, PEM bundles), and create
 * requests (approval still gates issuance); nodes may create and read requests for
 * their certificate renewal; nobody approves until bound. Then the operator's files. A default an administrator
 * deleted comes back at the next start, as in Kubernetes.
 */
@ApplicationScoped
public class RbacBootstrap {

    private static final Logger LOG = Logger.getLogger(RbacBootstrap.class);
    private static final Map<String, String> BOOTSTRAP_LABELS = Map.of("kubernetes.io/bootstrapping", "rbac-defaults");
    private static final Map<String, String> BOOTSTRAP_ANNOTATIONS = Map.of(
            "rbac.authorization.kubernetes.io/autoupdate", "true");
    private static final String CSRS = CsrApi.RESOURCE;
    private static final String SELF_NODE_CLIENT_ROLE =
            "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient";

    private final ObjectStore store;
    private final RbacPolicies policies;
    private final RbacKind.ClusterRoles roles;
    private final RbacKind.ClusterRoleBindings bindings;
    private final Clusters clusters;
    private final RbacConfig config;
    private final ObjectMapper json;

    public RbacBootstrap(ObjectStore store, RbacPolicies policies, RbacKind.ClusterRoles roles,
            RbacKind.ClusterRoleBindings bindings, Clusters clusters, RbacConfig config, ObjectMapper json) {
        this.store = store;
        this.policies = policies;
        this.roles = roles;
        this.bindings = bindings;
        this.clusters = clusters;
        this.config = config;
        this.json = json;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        for (String cluster : clusters.names()) {
            VertxContextSupport.subscribeAndAwait(() -> bootstrap(cluster));
        }
    }

    /** Creates the missing defaults of {@code cluster}, applies its files, and loads its policy. */
    public Uni<Void> bootstrap(String cluster) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RbacObject object : defaults()) {
            chain = chain.chain(() -> createIfMissing(cluster, object));
        }
        for (RbacObject object : fromFiles(cluster)) {
            chain = chain.chain(() -> createOrReplace(cluster, object));
        }
        return chain.chain(() -> policies.refresh(cluster));
    }

    static List<RbacObject> defaults() {
        return List.of(
                role("cluster-admin", new PolicyRule(List.of("*"), List.of("*"), List.of("*"), null, null),
                        new PolicyRule(List.of("*"), null, null, null, List.of("*"))),
                binding("cluster-admin", "cluster-admin", KubernetesIdentities.MASTERS_GROUP),
                role("system:discovery", new PolicyRule(List.of("get"), null, null, null, List.of("/api", "/api/*",
                        "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/"))),
                binding("system:discovery", "system:discovery", UserInfo.AUTHENTICATED),
                role("system:basic-user",
                        new PolicyRule(List.of("create"), List.of("authentication.k8s.io"),
                                List.of("selfsubjectreviews"), null, null),
                        new PolicyRule(List.of("create"), List.of("authorization.k8s.io"),
                                List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"), null, null)),
                binding("system:basic-user", "system:basic-user", UserInfo.AUTHENTICATED),
                role("certpipe:certificatesigningrequests:requester", new PolicyRule(List.of("create"),
                        List.of(CsrApi.GROUP), List.of(CSRS), null, null)),
                binding("certpipe:certificatesigningrequests:requester",
                        "certpipe:certificatesigningrequests:requester", UserInfo.AUTHENTICATED),
                role("certpipe:signer-reader",
                        new PolicyRule(List.of("get", "list"), List.of(CertpipeApi.GROUP), List.of("signers"), null,
                                null),
                        new PolicyRule(List.of("get", "list"), List.of(CsrApi.GROUP), List.of("clustertrustbundles"),
                                null, null),
                        new PolicyRule(List.of("get"), null, null, null,
                                List.of("/trust-bundles/*", EventSigningKeysResource.PATH))),
                binding("certpipe:signer-reader", "certpipe:signer-reader", UserInfo.AUTHENTICATED),
                role(AutomationContract.REQUESTER_ROLE,
                        new PolicyRule(List.of("create"), List.of(AutomationContract.RBAC_API_GROUP),
                                List.of(AutomationContract.RBAC_RESOURCE), null, null),
                        new PolicyRule(List.of("create"), List.of(CsrApi.GROUP), List.of(CSRS), null, null)),
                role("system:node-bootstrapper", new PolicyRule(List.of("create", "get", "list", "watch"),
                        List.of(CsrApi.GROUP), List.of(CSRS), null, null)),
                binding("system:node-bootstrapper", "system:node-bootstrapper", KubernetesIdentities.NODES_GROUP),
                // Kubernetes' bootstrap roles for the kubelet client approval: a requester with the first may have
                // a node client certificate for itself approved, with the second for any node (sarapprove.go).
                role(SELF_NODE_CLIENT_ROLE, new PolicyRule(List.of("create"), List.of(CsrApi.GROUP),
                        List.of(CSRS + "/selfnodeclient"), null, null)),
                role("system:certificates.k8s.io:certificatesigningrequests:nodeclient", new PolicyRule(
                        List.of("create"), List.of(CsrApi.GROUP), List.of(CSRS + "/nodeclient"), null, null)),
                // As kubeadm's node-autoapprove-certificate-rotation: kubelets renew their client certificates.
                binding("certpipe:node-autoapprove-certificate-rotation", SELF_NODE_CLIENT_ROLE,
                        KubernetesIdentities.NODES_GROUP),
                // approval-service asks the access questions of the policies, and reads the policies themselves.
                role(KubernetesIdentities.APPROVAL_SERVICE_USER, new PolicyRule(List.of("create"),
                        List.of(AccessReviewResource.GROUP), List.of("subjectaccessreviews"), null, null),
                        new PolicyRule(List.of("get", "list", "watch"), List.of(ApprovalPolicy.GROUP),
                                List.of(ApprovalPolicy.RESOURCE), null, null)),
                userBinding(KubernetesIdentities.APPROVAL_SERVICE_USER, KubernetesIdentities.APPROVAL_SERVICE_USER,
                        KubernetesIdentities.APPROVAL_SERVICE_USER));
    }

    private Uni<Void> createIfMissing(String cluster, RbacObject object) {
        return switch (object) {
            case ClusterRole role -> store.createIfMissing(cluster, roles, role);
            case ClusterRoleBinding binding -> store.createIfMissing(cluster, bindings, binding);
        };
    }

    private Uni<Void> createOrReplace(String cluster, RbacObject object) {
        return switch (object) {
            case ClusterRole role -> store.createOrReplace(cluster, roles, role);
            case ClusterRoleBinding binding -> store.createOrReplace(cluster, bindings, binding);
        };
    }

    private List<RbacObject> fromFiles(String cluster) {
        if (config.directory().isEmpty()) {
            return List.of();
        }
        Path directory = config.directory().get().resolve(cluster);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<RbacObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(RbacBootstrap::isManifest).sorted().toList()) {
                objects.addAll(RbacManifests.read(file, json));
                LOG.infof("cluster %s: RBAC objects from %s", cluster, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read RBAC directory " + directory, e);
        }
        return objects;
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static ClusterRole role(String name, PolicyRule... rules) {
        return new ClusterRole(ClusterRole.KIND, RbacApi.GROUP_VERSION, bootstrapMetadata(name), List.of(rules));
    }

    private static ClusterRoleBinding binding(String name, String role, String group) {
        return new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION, bootstrapMetadata(name),
                new ClusterRoleBinding.RoleRef(RbacApi.GROUP, ClusterRole.KIND, role),
                List.of(new ClusterRoleBinding.Subject(ClusterRoleBinding.Subject.GROUP, RbacApi.GROUP, group, null)));
    }

    private static ClusterRoleBinding userBinding(String name, String role, String user) {
        return new ClusterRoleBinding(ClusterRoleBinding.KIND, RbacApi.GROUP_VERSION, bootstrapMetadata(name),
                new ClusterRoleBinding.RoleRef(RbacApi.GROUP, ClusterRole.KIND, role),
                List.of(new ClusterRoleBinding.Subject(ClusterRoleBinding.Subject.USER, RbacApi.GROUP, user, null)));
    }

    private static ObjectMeta bootstrapMetadata(String name) {
        return new ObjectMeta(name, null, null, null, null, BOOTSTRAP_LABELS, BOOTSTRAP_ANNOTATIONS);
    }
}
