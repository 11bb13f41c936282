package io.certpipe.signing.issue;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Reserves serials in the database before the CA signs with them (boulder's "serial first"), each in its own committed
 * transaction together with the audit record of the certificate about to be signed. Uniqueness per CA key is the
 * table's primary key, not a check in memory.
 */
@ApplicationScoped
public class SerialRegister {

    /** Colliding 127-bit random serials this often means a broken random source, not bad luck. */
    static final int MAX_ATTEMPTS = 5;

    private static final String RESERVE = "insert into serial_reservation (ca_key_id, serial, cluster, csr_uid) "
            + "values (:caKeyId, :serial, :cluster, :csrUid) on conflict (ca_key_id, serial) do nothing";

    private final Outbox outbox;

    public SerialRegister(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Records {@code serial} of CA key {@code caKeyId} for request {@code csrUid} and stages {@code toBeSigned} with
     * it; false, and nothing written, when the CA key already used that serial.
     */
    public Uni<Boolean> reserve(BigInteger serial, String caKeyId, String cluster, String csrUid,
            CloudEvent toBeSigned) {
        return outbox.inTransaction(session -> session.createNativeQuery(RESERVE)
                .setParameter("caKeyId", caKeyId)
                .setParameter("serial", SerialNumbers.hex(serial))
                .setParameter("cluster", cluster)
                .setParameter("csrUid", csrUid)
                .executeUpdate()
                .flatMap(inserted -> inserted == 1
                        ? outbox.stage(session, toBeSigned).replaceWith(true)
                        : Uni.createFrom().item(false)));
    }
}
