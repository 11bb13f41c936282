package io.certpipe.intake.rbac;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.kube.storage.ObjectKind;
import io.certpipe.kube.storage.ObjectStore;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Every cluster's {@link RbacPolicy}, the authoriser's view of its ClusterRoles and ClusterRoleBindings. A write
 * through this instance reloads its cluster's policy once it has committed; a periodic refresh picks up other
 * instances' writes.
 */
@ApplicationScoped
public class RbacPolicies implements ObjectStore.CommitListener {

    private final ObjectStore store;
    private final RbacKind.ClusterRoles roles;
    private final RbacKind.ClusterRoleBindings bindings;
    private final Map<String, RbacPolicy> policies = new ConcurrentHashMap<>();

    public RbacPolicies(ObjectStore store, RbacKind.ClusterRoles roles, RbacKind.ClusterRoleBindings bindings) {
        this.store = store;
        this.roles = roles;
        this.bindings = bindings;
    }

    /**
     * The cluster's policy as last loaded. Before the first load there is no answer: a decision then would refuse
     * what the cluster allows, and a consumer that starts before the API (the automation requests) would answer a
     * permanent refusal. It fails with a {@link PolicyNotLoadedException}, which consumers retry.
     */
    public RbacPolicy policy(String cluster) {
        RbacPolicy policy = policies.get(cluster);
        if (policy == null) {
            throw new PolicyNotLoadedException(cluster);
        }
        return policy;
    }

    @Override
    public Uni<Void> committed(String cluster, ObjectKind<?> kind) {
        return kind instanceof RbacKind<?> ? refresh(cluster) : Uni.createFrom().voidItem();
    }

    /** Reloads {@code cluster}'s policy from the store. */
    public Uni<Void> refresh(String cluster) {
        return store.list(cluster, roles).chain(listedRoles -> store.list(cluster, bindings)
                        .invoke(listedBindings -> policies.put(cluster, RbacPolicy.of(
                                concat(listedRoles.items(), listedBindings.items())))))
                .replaceWithVoid();
    }

    /** Picks up changes another intake instance made; runs on a scheduler thread, hence the Vert.x context. */
    @Scheduled(identity = "intake-rbac-refresh", every = "${certpipe.intake.rbac.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshAll() throws Throwable {
        for (String cluster : List.copyOf(policies.keySet())) {
            VertxContextSupport.subscribeAndAwait(() -> refresh(cluster));
        }
    }

    private static List<RbacObject> concat(List<ClusterRole> roles, List<ClusterRoleBinding> bindings) {
        return Stream.concat(roles.stream(), bindings.stream()).map(RbacObject.class::cast).toList();
    }
}
