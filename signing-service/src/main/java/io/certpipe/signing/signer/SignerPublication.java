package io.certpipe.signing.signer;

import static io.certpipe.signing.SigningService.ACTOR;
import static io.certpipe.signing.SigningService.SOURCE;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventCodec;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignerData;
import io.certpipe.common.event.SignerWithdrawnData;
import io.certpipe.common.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Publishes every signer on the compacted signers topic through the outbox: all of them in the first round after
 * start (so the topic is right even if it was lost), afterwards each one whose published state changed, typically its
 * CA key starting or stopping to work. A signer published before and no longer configured is withdrawn. The last
 * published state of each signer is kept in {@code published_signer}, so this survives restarts and several
 * instances.
 */
@ApplicationScoped
public class SignerPublication {

    private static final Logger LOG = Logger.getLogger(SignerPublication.class);

    private final Signers signers;
    private final Outbox outbox;
    private volatile boolean publishedSinceStart;

    public SignerPublication(Signers signers, Outbox outbox) {
        this.signers = signers;
        this.outbox = outbox;
    }

    /**
     * Runs on a scheduler worker thread: the key checks sign a probe (blocking on a PKCS#11 token), and the database
     * work runs on a Vert.x context through {@link VertxContextSupport#subscribeAndAwait}, as Hibernate Reactive
     * requires. A failed round (database down) is simply tried again at the next tick.
     */
    @Scheduled(identity = "signer-publication", every = "${certpipe.signing.signer-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publish() throws Throwable {
        List<SignerData> current = signers.all().stream().map(signer -> signer.describe(ACTOR)).toList();
        boolean everything = !publishedSinceStart;
        VertxContextSupport.subscribeAndAwait(() -> reconcile(current, everything));
        publishedSinceStart = true;
    }

    /** Stages what changed between {@code current} and what was last published; all of it when {@code everything}. */
    Uni<Void> reconcile(List<SignerData> current, boolean everything) {
        return outbox.inTransaction(session -> session
                .createSelectionQuery("from PublishedSigner", PublishedSigner.class)
                // Two instances reconciling at once must not both publish or withdraw.
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .chain(published -> stageChanges(session, current, published, everything)));
    }

    private Uni<Void> stageChanges(Mutiny.Session session, List<SignerData> current, List<PublishedSigner> published,
            boolean everything) {
        Map<PublishedSigner.Key, PublishedSigner> previous = new HashMap<>(published.stream()
                .collect(Collectors.toMap(row -> row.signer, Function.identity())));
        Instant now = Instant.now();
        Uni<Void> staged = Uni.createFrom().voidItem();
        for (SignerData data : current) {
            PublishedSigner row = previous.remove(new PublishedSigner.Key(data.cluster(), data.signerName()));
            String fingerprint = fingerprint(data);
            if (row != null && !everything && row.fingerprint.equals(fingerprint)) {
                continue;
            }
            PublishedSigner updated = row != null ? row : newRow(data);
            updated.fingerprint = fingerprint;
            updated.publishedAt = now;
            staged = staged
                    .chain(() -> row != null ? Uni.createFrom().voidItem() : session.persist(updated))
                    .chain(() -> outbox.stage(session, CloudEvent.aboutSigner(EventType.SIGNER_PUBLISHED, SOURCE,
                            data.cluster(), data.signerName(), data)))
                    .invoke(() -> LOG.infof("publishing signer %s/%s (CA key %s)", data.cluster(), data.signerName(),
                            data.caWorks() ? "works" : "does not work: " + data.caProblem()));
        }
        for (PublishedSigner gone : previous.values()) {
            staged = staged
                    .chain(() -> session.remove(gone))
                    .chain(() -> outbox.stage(session, CloudEvent.aboutSigner(EventType.SIGNER_WITHDRAWN, SOURCE,
                            gone.signer.cluster(), gone.signer.signerName(),
                            new SignerWithdrawnData(ACTOR, gone.signer.cluster(), gone.signer.signerName()))))
                    .invoke(() -> LOG.infof("withdrawing signer %s/%s: no longer configured", gone.signer.cluster(),
                            gone.signer.signerName()));
        }
        return staged;
    }

    private static PublishedSigner newRow(SignerData data) {
        PublishedSigner row = new PublishedSigner();
        row.signer = new PublishedSigner.Key(data.cluster(), data.signerName());
        return row;
    }

    private static String fingerprint(SignerData data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(EventCodec.encodeData(data).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
