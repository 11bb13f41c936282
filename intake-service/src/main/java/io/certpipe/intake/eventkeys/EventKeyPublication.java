package io.certpipe.intake.eventkeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.event.Topics;
import io.certpipe.common.event.signature.TrustedKeys;
import io.certpipe.common.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Publishes the trusted event signing keys on {@code Topics.EVENT_SIGNING_KEYS}, one record per publishing service
 * keyed by its name, whenever a service's set changes (a rotation publishes a key, a retirement removes one), and
 * once after every start. The records go through the outbox, so they are signed with intake's key like every event;
 * the topic serves auditors, while certpipe's own consumers trust the key files only.
 */
@ApplicationScoped
public class EventKeyPublication {

    private static final Logger LOG = Logger.getLogger(EventKeyPublication.class);

    private final TrustedKeys trustedKeys;
    private final Outbox outbox;
    private final ObjectMapper json;
    /** What this instance last published per service, to publish changes only. */
    private final Map<String, EventSigningKeys> published = new ConcurrentHashMap<>();

    public EventKeyPublication(TrustedKeys trustedKeys, Outbox outbox, ObjectMapper json) {
        this.trustedKeys = trustedKeys;
        this.outbox = outbox;
        this.json = json;
    }

    /** Runs on a scheduler thread, hence the Vert.x context for the outbox's transaction. */
    @Scheduled(identity = "intake-event-key-publication", every = "${certpipe.events.trusted-keys-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishChanges() throws Throwable {
        List<EventSigningKeys> changed = changes(EventSigningKeys.byService(trustedKeys.current()));
        if (changed.isEmpty()) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> outbox.inTransaction(session -> {
            Uni<Void> staged = Uni.createFrom().voidItem();
            for (EventSigningKeys keys : changed) {
                String document = encode(keys);
                staged = staged.chain(() -> outbox.stage(session, Topics.EVENT_SIGNING_KEYS, keys.service(),
                        document).replaceWithVoid());
            }
            return staged;
        }));
        changed.forEach(keys -> {
            published.put(keys.service(), keys);
            LOG.infof("published the event signing keys of %s: %s", keys.service(),
                    keys.keys().stream().map(EventSigningKeys.Key::keyId).toList());
        });
    }

    private List<EventSigningKeys> changes(Map<String, EventSigningKeys> current) {
        List<EventSigningKeys> changed = new ArrayList<>();
        current.values().stream().filter(keys -> !keys.equals(published.get(keys.service()))).forEach(changed::add);
        published.keySet().stream()
                .filter(service -> !current.containsKey(service) && !published.get(service).keys().isEmpty())
                .map(EventSigningKeys::none)
                .forEach(changed::add);
        return changed;
    }

    private String encode(EventSigningKeys keys) {
        try {
            return json.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the event signing keys of " + keys.service(), e);
        }
    }
}
