package io.certpipe.automation.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.automation.AutomationContract;

/**
 * certpipe's asynchronous API for a Java program: {@link #submit} puts a certificate request on the client's request
 * topic and completes when intake's replies say how it ended.
 * <pre>{@code
 * // clientProperties: the file ./certpipe automation add ci wrote
 * try (var client = AutomationClient.open(clientProperties, "ci")) {
 *     var csr = CsrObjectBuilder.forPem(pem, "example.com/serving", List.of("digital signature", "server auth"))
 *             .build();
 *     Issued issued = client.submit("default", csr, Duration.ofMinutes(5)).toCompletableFuture().join();
 * }
 * }</pre>
 * A request ends with {@link Issued}, or exceptionally with a {@link RequestNotIssuedException} saying why
 * (rejected, denied, failed, gone), a {@link java.util.concurrent.TimeoutException}, or a
 * {@link java.util.concurrent.CancellationException} when the client is closed first. A request the client stopped
 * waiting for is still processed by certpipe: submitting it again with the same {@code requestId} and body is
 * harmless and brings its replies again.
 * <p>
 * Results complete on the client's reply thread, which reads the replies to all its requests in turn: a caller that
 * blocks or works long in a callback should chain it with an {@code *Async} method.
 */
public final class AutomationClient implements AutoCloseable {

    private final String clientName;
    private final Producer<String, String> producer;
    private final PendingRequests pending = new PendingRequests();
    private final ReplyReader replies;
    private final Clock clock;

    /**
     * Ready to submit once it returns: its reply reader already holds its place at the end of the reply topic, so no
     * reply to a request submitted from now on can be missed.
     */
    AutomationClient(String clientName, Producer<String, String> producer,
            org.apache.kafka.clients.consumer.Consumer<String, String> replyConsumer, Clock clock) {
        this.clientName = AutomationContract.requireClientName(clientName);
        this.producer = producer;
        this.clock = clock;
        this.replies = new ReplyReader(replyConsumer, AutomationContract.repliesTopic(clientName), pending);
    }

    /** The client from the {@code client.properties} that {@code ./certpipe automation add NAME} wrote. */
    public static AutomationClient open(Path clientProperties, String clientName) throws IOException {
        var properties = new Properties();
        try (InputStream in = Files.newInputStream(clientProperties)) {
            properties.load(in);
        }
        return open(properties, clientName);
    }

    /** The client from Kafka client settings: bootstrap servers, TLS with the client's certificate, its group. */
    public static AutomationClient open(Properties clientProperties, String clientName) {
        AutomationContract.requireClientName(clientName);
        var producer = new KafkaProducer<String, String>(KafkaSettings.producer(clientProperties));
        try {
            return new AutomationClient(clientName, producer,
                    new KafkaConsumer<String, String>(KafkaSettings.consumer(clientProperties)), Clock.systemUTC());
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    /** Submits a request under a new random requestId: a retry after a crash cannot be recognised as the same. */
    public CompletionStage<Issued> submit(String cluster, ObjectNode csr, Duration timeout) {
        return submit(UUID.randomUUID().toString(), cluster, csr, timeout);
    }

    /**
     * Submits {@code csr} (a CertificateSigningRequest as one would POST it, see {@link CsrObjectBuilder}) to
     * {@code cluster}. {@code requestId} is the idempotency key: the same one with the same body is the same request.
     *
     * @throws IllegalArgumentException if {@code requestId} is empty or longer than
     *         {@link AutomationContract#MAX_REQUEST_ID_LENGTH}
     * @throws IllegalStateException if this client already waits for {@code requestId}, is closed, or no longer
     *         reads its replies
     */
    public CompletionStage<Issued> submit(String requestId, String cluster, ObjectNode csr, Duration timeout) {
        return submit(requestId, cluster, csr, timeout, reply -> {
        });
    }

    /**
     * As {@link #submit(String, String, ObjectNode, Duration)}, and tells {@code onReply} of every reply to the
     * request as it arrives ({@code accepted}, {@code approved}, then the final one), on the reply thread.
     */
    public CompletionStage<Issued> submit(String requestId, String cluster, ObjectNode csr, Duration timeout,
            Consumer<Reply> onReply) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onReply, "onReply");
        var record = RequestRecords.request(clientName, requestId, cluster, csr, clock.instant());
        // Waiting starts before sending, so even the fastest reply finds its submission.
        var submission = pending.register(requestId, timeout, onReply);
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    submission.fail(failure);
                }
            });
        } catch (RuntimeException e) {
            submission.fail(e);
        }
        return submission.result();
    }

    /** How many submissions are waiting for their final reply. */
    public int pending() {
        return pending.size();
    }

    /**
     * Fails every submission still waiting with a {@link java.util.concurrent.CancellationException}, sends what was
     * submitted, and stops reading replies.
     */
    @Override
    public void close() {
        pending.close();
        try {
            replies.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close();
        }
    }
}
