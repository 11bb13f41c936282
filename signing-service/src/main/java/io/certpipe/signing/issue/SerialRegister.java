package io.certpipe.signing.issue;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Reserves serials in the database before the CA signs with them (boulder's "serial first"), each together with the
 * audit record of the certificate about to be signed, in a transaction that commits before anything is signed. Uniqueness per CA key is the
 * table's primary key, not a check in memory. It also records the requests the CA gives up on: a request gets a
 * reserved serial or is abandoned, never both, because each decision holds the request's advisory lock while it checks
 * for the other.
 */
@ApplicationScoped
public class SerialRegister {

    /** Colliding 127-bit random serials this often means a broken random source, not bad luck. */
    static final int MAX_ATTEMPTS = 5;

    /** What became of an attempt to reserve a serial. */
    enum Reservation {
        /** Reserved and committed with the audit record: the CA may sign with it. */
        RESERVED,
        /** The CA key already used this serial; nothing was written. */
        SERIAL_TAKEN,
        /** The CA gave up on this request earlier and reported it failed; nothing was written, nothing is signed. */
        REQUEST_ABANDONED
    }

    private static final String LOCK_REQUEST = "select 1 from pg_advisory_xact_lock(hashtextextended(:request, 0))";
    private static final String RESERVE = "insert into serial_reservation (ca_key_id, serial, cluster, csr_uid) "
            + "values (:caKeyId, :serial, :cluster, :csrUid) on conflict (ca_key_id, serial) do nothing";
    private static final String IS_ABANDONED = "select count(*) from abandoned_issuance "
            + "where cluster = :cluster and csr_uid = :csrUid";
    private static final String HAS_SERIAL = "select count(*) from serial_reservation "
            + "where cluster = :cluster and csr_uid = :csrUid";
    private static final String ABANDON = "insert into abandoned_issuance (cluster, csr_uid, signer_name, message) "
            + "values (:cluster, :csrUid, :signerName, :message) on conflict (cluster, csr_uid) do nothing";

    private final Outbox outbox;

    public SerialRegister(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Records {@code serial} of CA key {@code caKeyId} for request {@code csrUid} and stages {@code toBeSigned} with
     * it in the transaction of {@code session}, unless the key already used that serial or the request was abandoned.
     * The reservation counts once that transaction commits: sign nothing before.
     */
    Uni<Reservation> reserve(Mutiny.Session session, BigInteger serial, String caKeyId, String cluster,
            String csrUid, CloudEvent toBeSigned) {
        return lockRequest(session, cluster, csrUid)
                .chain(() -> count(session, IS_ABANDONED, cluster, csrUid))
                .chain(abandoned -> abandoned > 0
                        ? Uni.createFrom().item(Reservation.REQUEST_ABANDONED)
                        : session.createNativeQuery(RESERVE)
                                .setParameter("caKeyId", caKeyId)
                                .setParameter("serial", SerialNumbers.hex(serial))
                                .setParameter("cluster", cluster)
                                .setParameter("csrUid", csrUid)
                                .executeUpdate()
                                .chain(inserted -> inserted == 1
                                        ? outbox.stage(session, toBeSigned).replaceWith(Reservation.RESERVED)
                                        : Uni.createFrom().item(Reservation.SERIAL_TAKEN)));
    }

    /**
     * Records that the CA gives up on request {@code csrUid} of signer {@code signerName} and stages {@code failed}
     * (its {@code SIGNING_FAILED}) with it; false, and nothing written, when a serial was reserved for the request,
     * since a certificate may then have been signed.
     */
    Uni<Boolean> abandon(String cluster, String csrUid, String signerName, String message, CloudEvent failed) {
        return outbox.inTransaction(session -> lockRequest(session, cluster, csrUid)
                .chain(() -> count(session, HAS_SERIAL, cluster, csrUid))
                .chain(reserved -> reserved > 0
                        ? Uni.createFrom().item(false)
                        : session.createNativeQuery(ABANDON)
                                .setParameter("cluster", cluster)
                                .setParameter("csrUid", csrUid)
                                .setParameter("signerName", signerName)
                                .setParameter("message", message)
                                .executeUpdate()
                                .chain(() -> outbox.stage(session, failed))
                                .replaceWith(true)));
    }

    /** Holds until the transaction ends; serialises reserving and abandoning for one request across instances. */
    private static Uni<Integer> lockRequest(Mutiny.Session session, String cluster, String csrUid) {
        return session.createNativeQuery(LOCK_REQUEST, Integer.class)
                .setParameter("request", cluster + "/" + csrUid)
                .getSingleResult();
    }

    private static Uni<Long> count(Mutiny.Session session, String query, String cluster, String csrUid) {
        return session.createNativeQuery(query, Long.class)
                .setParameter("cluster", cluster)
                .setParameter("csrUid", csrUid)
                .getSingleResult();
    }
}
