package io.certpipe.common.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.certpipe.common.consumer.VertxContexts;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.EventSigner;
import io.certpipe.common.event.signature.SignedRound;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox records to Kafka, oldest first, and deletes them once the broker has acknowledged them. Woken
 * on every commit, so an event costs no polling delay; a slow sweep picks up records left by a crash. Delivery is
 * at least once: a record whose acknowledgement was lost is sent again, and every consumer is idempotent. Every record
 * is signed here, on the relay's own thread, with this service's event key ({@link EventSigner}), since consumers
 * refuse what their topic's publisher did not sign: one signature per round ({@link SignedRound}).
 *
 * <p>Several instances of a service share its database and so its outbox. A round (read, send, delete) runs in one
 * transaction holding the database's relay lock, so rounds never overlap: two relays reading the same records at once
 * would send each twice and could put an older record after a newer one on its partition. A relay that finds the lock
 * held waits for the round in progress and then sends what is left, its own commits included.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CONTENT_TYPE_HEADER = "content-type";
    /**
     * The relay lock of this database, held until the round's transaction ends. The two-key form keeps it apart from
     * the single-key advisory locks services take per request.
     */
    private static final String LOCK_RELAY = "select 1 from pg_advisory_xact_lock(hashtext('certpipe.outbox'), 0)";
    /** Records dropped because their topic was deleted, tagged {@code topic}. */
    static final String DROPPED_METRIC = "certpipe.outbox.dropped";

    private final Mutiny.SessionFactory sessionFactory;
    private final OutboxConfig config;
    private final EventSigner signer;
    private final Map<String, Object> kafka;
    private final MeterRegistry meters;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Admin admin;

    public OutboxRelay(Mutiny.SessionFactory sessionFactory, OutboxConfig config, EventSigner signer,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry meters) {
        this.sessionFactory = sessionFactory;
        this.config = config;
        this.signer = signer;
        this.kafka = kafka;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wake();
        if (worker != null) {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Asks the relay to send what has been committed; cheap, and coalesced when called many times. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                LOG.warnf("outbox relay round failed, retrying: %s", e.toString());
                sleep(config.retryBackoff().toMillis());
            }
        }
    }

    private void drain() throws Throwable {
        int sent;
        do {
            sent = VertxContextSupport.subscribeAndAwait(this::round);
        } while (running && sent == config.batchSize());
    }

    /** One round under the relay lock: the oldest records read, sent and deleted; answers how many were sent. */
    private Uni<Integer> round() {
        Executor context = VertxContexts.current();
        return sessionFactory.withTransaction(session -> session.createNativeQuery(LOCK_RELAY).getSingleResult()
                .chain(() -> session.createSelectionQuery("from OutboxRecord order by id", OutboxRecord.class)
                        .setMaxResults(config.batchSize())
                        .getResultList())
                .call(batch -> batch.isEmpty() ? Uni.createFrom().voidItem() : Uni.createFrom()
                        .item(() -> sent(batch))
                        // The send blocks until the broker acknowledges; the session goes on on its own context.
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .emitOn(context)
                        .chain(() -> session.createMutationQuery("delete from OutboxRecord where id in :ids")
                                .setParameter("ids", batch.stream().map(record -> record.id).toList())
                                .executeUpdate()))
                .map(List::size));
    }

    /**
     * Signs the round once ({@link SignedRound}) and sends each record with that signature and its own proof. A record
     * for a topic that no longer exists is dropped when the topic is one an operator may delete (an automation
     * client's reply topic, {@link Topics#isDeletable}): it can never be delivered, and retrying it would hold up
     * every event after it. Any other failure fails the round, which is sent again.
     */
    private void send(List<OutboxRecord> batch) throws Exception {
        // The very bytes the StringSerializer puts on the wire: UTF-8 of the payload.
        SignedRound round = SignedRound.sign(signer, batch.stream()
                .map(record -> record.payload.getBytes(StandardCharsets.UTF_8))
                .toList());
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            OutboxRecord record = batch.get(i);
            ProducerRecord<String, String> kafkaRecord = new ProducerRecord<>(record.topic, record.recordKey,
                    record.payload);
            kafkaRecord.headers().add(CONTENT_TYPE_HEADER,
                    CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            round.addHeaders(i, kafkaRecord.headers());
            acknowledgements.add(producer.send(kafkaRecord));
        }
        producer.flush();
        for (int i = 0; i < batch.size(); i++) {
            try {
                acknowledgements.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failure) {
                OutboxRecord record = batch.get(i);
                if (!Topics.isDeletable(record.topic) || topicExists(record.topic)) {
                    throw failure;
                }
                LOG.errorf("dropping outbox record %d for %s: the topic no longer exists (%s)", record.id,
                        record.topic, failure.getCause());
                meters.counter(DROPPED_METRIC, "topic", record.topic).increment();
            }
        }
    }

    /** {@link #send} for a lambda: answers the batch once sent; any failure fails the round. */
    private List<OutboxRecord> sent(List<OutboxRecord> batch) {
        try {
            send(batch);
            return batch;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** Whether the broker knows {@code topic}; a failure to ask is no answer, and fails the round. */
    private boolean topicExists(String topic) throws Exception {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(config.sendTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties properties = new Properties();
            properties.putAll(kafka);
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "outbox-relay-admin");
            admin = Admin.create(properties);
        }
        return admin;
    }

    private Properties producerProperties() {
        // The service's kafka.* settings: its broker and its bus identity (BusClientSource).
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                String.valueOf(config.sendTimeout().toMillis()));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        // The producer asks the broker about every topic it sent to until it has been idle this long: after a deleted
        // reply topic's records are dropped, half a minute of warnings about it rather than the default five.
        properties.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, "30000");
        return properties;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
