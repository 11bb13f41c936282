package io.certpipe.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The stack's PostgreSQL databases, one per service, reached as the service's own role with psql. */
final class Databases {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Every other session of the role, ended as an outage or a failover would end it; answers how many. */
    private static final String END_OTHER_SESSIONS = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE usename = current_user AND pid <> pg_backend_pid()";

    private Databases() {
    }

    /**
     * Ends every connection {@code service} holds to its database, in the middle of whatever transaction it was in;
     * answers how many there were. The service's pool connects again at its next use.
     */
    static int dropConnections(String service) {
        String database = Stack.databasePrefix() + "_" + service.replaceFirst("-service$", "");
        String password;
        try {
            password = Files.readString(Stack.home().resolve("secrets/db-password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's database password", e);
        }
        Command.Result ended = Command.run(List.of("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
                "host=127.0.0.1 port=5432 dbname=" + database + " user=" + database, "-c", END_OTHER_SESSIONS),
                Map.of("PGPASSWORD", password), TIMEOUT, null).requireSuccess("psql as " + database);
        return Integer.parseInt(ended.stdout().strip());
    }
}
