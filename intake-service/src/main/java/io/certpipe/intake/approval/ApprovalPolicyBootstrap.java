package io.certpipe.intake.approval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certpipe.common.approval.ApprovalPolicy;
import io.certpipe.common.approval.BuiltInApprovalPolicies;
import io.certpipe.intake.tenancy.Clusters;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.storage.ObjectStore;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Gives every cluster its ApprovalPolicies at start: the configured built-in ones where missing (labelled as
 * bootstrap objects, as Kubernetes labels its default RBAC), then the configured files' policies, created or
 * replacing their namesakes. What is wrong with the configuration stops intake before it serves anything.
 */
@ApplicationScoped
public class ApprovalPolicyBootstrap {

    private static final Logger LOG = Logger.getLogger(ApprovalPolicyBootstrap.class);
    private static final Map<String, String> BUILT_IN_LABELS = Map.of("certpipe.io/bootstrapping", "built-in");

    private final ObjectStore store;
    private final ApprovalPolicyKind kind;
    private final Clusters clusters;
    private final ApprovalPolicyConfig config;
    private final ObjectMapper json;

    public ApprovalPolicyBootstrap(ObjectStore store, ApprovalPolicyKind kind, Clusters clusters,
            ApprovalPolicyConfig config, ObjectMapper json) {
        this.store = store;
        this.kind = kind;
        this.clusters = clusters;
        this.config = config;
        this.json = json;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        List<ApprovalPolicyObject> builtIn = builtIn(config.builtInPolicies().orElse(List.of()));
        List<ApprovalPolicyObject> fromFiles = new ArrayList<>();
        for (Path file : config.policyFiles().orElse(List.of())) {
            fromFiles.addAll(ApprovalPolicyFiles.read(file, kind, json));
            LOG.infof("approval policies from %s", file);
        }
        for (String cluster : clusters.names()) {
            VertxContextSupport.subscribeAndAwait(() -> bootstrap(cluster, builtIn, fromFiles));
        }
    }

    private Uni<Void> bootstrap(String cluster, List<ApprovalPolicyObject> builtIn,
            List<ApprovalPolicyObject> fromFiles) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ApprovalPolicyObject policy : builtIn) {
            chain = chain.chain(() -> store.createIfMissing(cluster, kind, policy));
        }
        for (ApprovalPolicyObject policy : fromFiles) {
            chain = chain.chain(() -> store.createOrReplace(cluster, kind, policy));
        }
        return chain;
    }

    private static List<ApprovalPolicyObject> builtIn(List<String> names) {
        Map<String, ApprovalPolicy> known = BuiltInApprovalPolicies.all().stream()
                .collect(Collectors.toMap(ApprovalPolicy::name, Function.identity()));
        return names.stream().map(name -> {
            ApprovalPolicy policy = known.get(name);
            if (policy == null) {
                throw new IllegalStateException("certpipe.intake.approval.built-in-policies: no built-in policy \""
                        + name + "\" (there are " + known.keySet().stream().sorted().toList() + ")");
            }
            return ApprovalPolicyObject.of(policy, new ObjectMeta(name, null, null, null, null, BUILT_IN_LABELS,
                    null));
        }).toList();
    }
}
