package io.certpipe.automation.client;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the client's reply topic on a thread of its own and hands each reply to the submission waiting for it.
 * <p>
 * It assigns itself every partition rather than joining a consumer group: several instances of one client (or a
 * console consumer in its group) then each see every reply, and none rebalances another away. It starts at the end
 * of each partition, fixed before the client sends its first request, so it reads every reply to its own requests
 * and none of the topic's past.
 */
final class ReplyReader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReplyReader.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final Consumer<String, String> consumer;
    private final PendingRequests pending;
    private final Thread thread;
    private volatile boolean closing;

    ReplyReader(Consumer<String, String> consumer, String topic, PendingRequests pending) {
        this.consumer = consumer;
        this.pending = pending;
        try {
            startAtTheEnd(topic);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().daemon().name("reply-reader " + topic).unstarted(this::run);
        thread.start();
    }

    private void startAtTheEnd(String topic) {
        Collection<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        if (partitions.isEmpty()) {
            // Reading no partition would look like a client whose requests are never answered.
            throw new IllegalStateException("the reply topic " + topic + " has no partitions this client can see: "
                    + "is the client added (./certpipe automation add) and are these its credentials?");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: asking each position looks the end offsets up now, before any request is sent.
        partitions.forEach(consumer::position);
    }

    private void run() {
        try {
            while (!closing) {
                for (var record : consumer.poll(POLL_TIMEOUT)) {
                    ReplyRecords.read(record).ifPresent(pending::dispatch);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll up: the loop is over.
        } catch (RuntimeException e) {
            // Nothing retriable reaches here (the consumer retries those itself): a lost authorisation, say. No reply
            // can arrive any more, so the submissions waiting fail now rather than at their timeouts.
            LOG.log(Level.ERROR, "the reply reader stopped", e);
            pending.failAll(e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        // A caller's callback runs on this thread and may close the client: it cannot wait for itself.
        if (Thread.currentThread() != thread) {
            thread.join();
        }
    }
}
