package io.certpipe.intake.signer;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.consumer.EventProcessing;
import io.certpipe.common.event.MalformedEventException;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.event.SignerWithdrawnData;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.kube.ApiException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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
    private final KafkaClientService kafka;
    /** Per partition of the topic, the offset after the last record read. */
    private final Map<Integer, Long> readUpTo = new ConcurrentHashMap<>();
    /** The topic's end offsets when this instance first looked: what it must have read before it knows the rules. */
    private volatile Map<Integer, Long> endsAtStart;
    private volatile boolean caughtUp;

    public SignerCatalogue(EventProcessing processing, KafkaClientService kafka) {
        this.processing = processing;
        this.kafka = kafka;
    }

    @Incoming(CHANNEL)
    public Uni<Void> published(ConsumerRecord<String, String> record) {
        readUpTo.merge(record.partition(), record.offset() + 1, Math::max);
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
     * rules (one approval, by anyone allowed) for a signer certpipe does not serve. Until every signer published
     * before this instance started has been read, a signer missing here may only be not read yet, and answering
     * Kubernetes' rules would let one person approve what needs two: the answer is then 503, and the client retries.
     */
    public ApprovalRules approvalRules(String cluster, String signerName) {
        if (!caughtUp) {
            throw ApiException.serviceUnavailable("intake has not yet read the signers' approval rules since it "
                    + "started; retry in a few seconds");
        }
        return find(cluster, signerName).map(signer -> signer.data().approval()).orElse(ApprovalRules.KUBERNETES);
    }

    /** Whether every signer published before this instance started has been read. */
    public boolean hasReadEverySigner() {
        return caughtUp;
    }

    /**
     * Looks, until it is so, whether the catalogue has read the whole topic as it stood at the first look; runs on a
     * scheduler thread, and asks the channel's consumer on its own polling thread.
     */
    @Scheduled(identity = "intake-signers-catch-up", every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void lookWhetherCaughtUp() {
        if (caughtUp) {
            return;
        }
        if (endsAtStart == null) {
            KafkaConsumer<String, String> consumer = kafka.getConsumer(CHANNEL);
            if (consumer == null) {
                return;
            }
            endsAtStart = consumer.runOnPollingThread(SignerCatalogue::endOffsetsOfAssigned)
                    .await().atMost(Duration.ofSeconds(10));
        }
        if (endsAtStart != null && hasRead(readUpTo, endsAtStart)) {
            caughtUp = true;
            LOG.infof("read every signer published before start (%s)", endsAtStart);
        }
    }

    /** Null until the consumer has its partitions; an empty topic's end is 0, read at once. */
    private static Map<Integer, Long> endOffsetsOfAssigned(Consumer<String, String> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return null;
        }
        Map<Integer, Long> ends = new HashMap<>();
        consumer.endOffsets(assigned).forEach((partition, end) -> ends.put(partition.partition(), end));
        return ends;
    }

    /** Whether every partition has been read up to its end in {@code ends}. */
    static boolean hasRead(Map<Integer, Long> readUpTo, Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> readUpTo.getOrDefault(end.getKey(), 0L) >= end.getValue());
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
