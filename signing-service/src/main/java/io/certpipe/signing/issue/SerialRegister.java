package io.certpipe.signing.issue;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reserves serials in the database, each in its own committed transaction, before the CA signs with them (boulder's
 * "serial first"). Uniqueness per CA key is the table's primary key, not a check in memory.
 */
@ApplicationScoped
public class SerialRegister {

    /** Colliding 127-bit random serials this often means a broken random source, not bad luck. */
    static final int MAX_ATTEMPTS = 5;

    private static final String RESERVE = "insert into serial_reservation (ca_key_id, serial, cluster, csr_uid) "
            + "values (:caKeyId, :serial, :cluster, :csrUid) on conflict (ca_key_id, serial) do nothing";

    private final Mutiny.SessionFactory sessionFactory;

    public SerialRegister(Mutiny.SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /** A fresh serial of CA key {@code caKeyId}, recorded and committed for request {@code csrUid}. */
    public Uni<BigInteger> reserve(String caKeyId, String cluster, String csrUid) {
        return reserve(caKeyId, cluster, csrUid, 1);
    }

    private Uni<BigInteger> reserve(String caKeyId, String cluster, String csrUid, int attempt) {
        BigInteger serial = SerialNumbers.random();
        return sessionFactory.withTransaction(session -> session.createNativeQuery(RESERVE)
                        .setParameter("caKeyId", caKeyId)
                        .setParameter("serial", SerialNumbers.hex(serial))
                        .setParameter("cluster", cluster)
                        .setParameter("csrUid", csrUid)
                        .executeUpdate())
                .flatMap(inserted -> {
                    if (inserted == 1) {
                        return Uni.createFrom().item(serial);
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "serial collided " + attempt + " times for CA key " + caKeyId));
                    }
                    return reserve(caKeyId, cluster, csrUid, attempt + 1);
                });
    }
}
