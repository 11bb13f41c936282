package io.certpipe.intake.signer;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.EventProcessing;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.event.SignerWithdrawnData;
import io.certpipe.common.signer.ApprovalRules;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The signers signing-service serves, per cluster, as it publishes them on its compacted topic. Every intake instance
 * reads the whole topic from the beginning at start and keeps it in memory: a handful of records per cluster. Until it
 * has read them a signer may be missing, so what depends on it (create-time warnings) only ever warns, never refuses.
 */
@ApplicationScoped
public class SignerCatalogue {

    public static final String CHANNEL = "signers";

    private static final Logger LOG = Logger.getLogger(SignerCatalogue.class);

    private final Map<String, Map<String, PublishedSigner>> byCluster = new ConcurrentHashMap<>();
    private final EventProcessing processing;

    public SignerCatalogue(EventProcessing processing) {
        this.processing = processing;
    }

    @Incoming(CHANNEL)
    public Uni<Void> published(ConsumerRecord<String, String> record) {
        return processing.process(CHANNEL, record, event -> {
            switch (event.data()) {
                case SignerData signer when signer.signerName() != null && signer.policy() != null -> {
                    byCluster.computeIfAbsent(signer.cluster(), cluster -> new ConcurrentHashMap<>())
                            .put(signer.signerName(), PublishedSigner.of(signer));
                    LOG.debugf("signer %s of cluster %s: key mode %s, CA works %s", signer.signerName(),
                            signer.cluster(), signer.keyMode(), signer.caWorks());
                }
                case SignerWithdrawnData withdrawn -> byCluster.getOrDefault(withdrawn.cluster(), Map.of())
                        .remove(withdrawn.signerName());
                default -> throw new MalformedEventException(event.type() + " event " + event.id()
                        + " is not a signer publication");
            }
            return Uni.createFrom().voidItem();
        });
    }

    public Optional<PublishedSigner> find(String cluster, String signerName) {
        return Optional.ofNullable(byCluster.getOrDefault(cluster, Map.of()).get(signerName));
    }

    /**
     * Who must approve the requests of {@code signerName} in {@code cluster}, as its signer declares; Kubernetes'
     * rules (one approval, by anyone allowed) for a signer certpipe does not serve.
     */
    public ApprovalRules approvalRules(String cluster, String signerName) {
        return find(cluster, signerName).map(signer -> signer.data().approval()).orElse(ApprovalRules.KUBERNETES);
    }

    /** The cluster's signer whose object (a Signer, a ClusterTrustBundle) {@code nameOf} calls {@code name}. */
    public Optional<PublishedSigner> findByObjectName(String cluster, Function<PublishedSigner, String> nameOf,
            String name) {
        return all(cluster).stream().filter(signer -> nameOf.apply(signer).equals(name)).findFirst();
    }

    /** The cluster's signers by name. */
    public List<PublishedSigner> all(String cluster) {
        return byCluster.getOrDefault(cluster, Map.of()).values().stream()
                .sorted(Comparator.comparing(signer -> signer.data().signerName())).toList();
    }
}
