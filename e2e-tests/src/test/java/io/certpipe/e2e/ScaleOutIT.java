package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.Topics;

/**
 * Two instances of every service ({@code ./certpipe scale 2}) against one broker and the same databases. Requests
 * created through either intake and each approved through the other are all issued, each with one serial; the second
 * instances take their share of the work; a watch on each intake, opened before the load, sees every change of every
 * request once, in resourceVersion order, whichever instance committed it; and the lifecycle topic's hash chain is
 * whole, so the two intakes relaying one outbox never put an event out of order. A change committed through one
 * intake reaches the other's watches at its commit, not at their next poll.
 */
class ScaleOutIT {

    private static final int INSTANCES = 2;
    private static final int REQUESTS = 40;
    private static final Duration ISSUED = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The further instances poll the change log so seldom that only the notification of another instance's commit
     * can bring its changes to their watches in time.
     */
    private static final String SELDOM_POLLING = "-Dcertpipe.intake.watch.poll-interval=30m";

    @TempDir
    static Path work;

    private final ApiClient admin = ApiClient.admin();
    private final Kubectl kubectl = Kubectl.admin();

    @BeforeAll
    static void scaleOut() {
        Stack.runCertpipe(Map.of("CERTPIPE_SERVICE_JVM_OPTIONS", SELDOM_POLLING), "scale", Integer.toString(INSTANCES))
                .requireSuccess("certpipe scale " + INSTANCES);
    }

    @AfterAll
    static void scaleIn() {
        Stack.certpipe("scale", "1");
    }

    @Test
    void twoInstancesOfEveryServiceIssueEachRequestOnceAndEachIntakeWatchesEveryChangeOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String requestPem = Openssl.newKeyAndRequest(work, "scale", "/CN=oscar/O=dev-team").requestPem();
        long before = RequestLoad.revisionToWatchFrom(admin, requestPem);
        List<ApiClient> intakes = List.of(admin, admin.onIntakeInstance(2));
        List<Command.Running> watches = new ArrayList<>();
        try {
            for (int instance = 1; instance <= INSTANCES; instance++) {
                watches.add(watch(instance, before, run));
            }
            // Request i is created through one intake and approved through the other.
            List<String> names = RequestLoad.createAndApprove("scale-" + run, run, REQUESTS, requestPem,
                    i -> new RequestLoad.Route(intakes.get(i % INSTANCES), intakes.get((i + 1) % INSTANCES)));

            List<List<JsonNode>> seen = new ArrayList<>();
            for (int instance = 1; instance <= INSTANCES; instance++) {
                seen.add(awaitEveryCertificate(watches.get(instance - 1), "intake " + instance, names));
            }
            for (int instance = 1; instance <= INSTANCES; instance++) {
                RequestLoad.assertEveryChangeOnceInOrder("the watch on intake " + instance, seen.get(instance - 1),
                        names);
            }
            RequestLoad.assertIssuedOnceEach(admin, kubectl, names);
        } finally {
            watches.forEach(Command.Running::close);
        }
        for (int instance = 1; instance <= INSTANCES; instance++) {
            assertTrue(Metrics.sum(Stack.signingMetrics(instance), "certpipe_signing_issued_total", Set.of()) > 0,
                    "signing-service instance " + instance + " signed its share");
        }
        assertChainWholeAround(run);
    }

    /**
     * {@code ./certpipe audit verify} of cluster {@code default} names no problem with any lifecycle event of load
     * {@code run}: each signed, in its partition in chain order, linked to the events before and after it. (Other
     * tests put forged and poison records in the default cluster's stream on purpose, so the cluster as a whole may
     * be reported broken; those problems name other records.)
     */
    private static void assertChainWholeAround(String run) {
        Set<String> eventIds = KafkaTopics.events(Topics.LIFECYCLE).stream()
                .filter(event -> event.subject().startsWith("scale-" + run))
                .map(CloudEvent::id)
                .collect(Collectors.toSet());
        assertTrue(eventIds.size() >= REQUESTS * 3, "the run's lifecycle events were read: " + eventIds.size());
        String report = Stack.runCertpipe("audit", "verify", "--cluster", Stack.CLUSTER).stdout();
        assertTrue(report.contains("cluster " + Stack.CLUSTER + ": "), "the audit ran: " + report);
        List<String> problems = report.lines()
                .filter(line -> line.startsWith("  ") && eventIds.stream().anyMatch(line::contains))
                .toList();
        assertEquals(List.of(), problems, "problems the audit found with this run's events");
    }

    @Test
    void aRequestCreatedThroughOneIntakeReachesTheOthersWatchWhenItCommits() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String requestPem = Openssl.newKeyAndRequest(work, "notified", "/CN=olivia/O=dev-team").requestPem();
        long before = RequestLoad.revisionToWatchFrom(admin, requestPem);
        String replayed = createPending(run, requestPem);
        try (Command.Running watch = watch(2, before, run)) {
            watch.awaitLine("the request made before the watch, replayed", line -> isAdded(line, replayed));

            // Through intake 1, and left pending: intake 2 commits nothing itself that would wake its feed.
            String live = createPending(run, requestPem);
            watch.awaitLine("the request made through intake 1 on intake 2's watch", line -> isAdded(line, live));
        }
    }

    /** Creates, through intake 1, a request of this run that waits for a person; answers its name. */
    private String createPending(String run, String requestPem) {
        String name = Csrs.uniqueName("notified-" + run);
        ApiClient.Response created = admin.create(Csrs.Manifest.of(name, requestPem,
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES)
                .withLabels(Map.of(RequestLoad.RUN_LABEL, run)).json().toString());
        assertEquals(201, created.code(), created.body().toString());
        return name;
    }

    private static boolean isAdded(String watchLine, String name) {
        if (watchLine.isBlank()) {
            return false;
        }
        JsonNode event = parse(watchLine);
        return event.path("type").asText().equals("ADDED")
                && event.path("object").path("metadata").path("name").asText().equals(name);
    }

    /**
     * A JSON watch of this run's requests on intake's instance {@code instance} from {@code resourceVersion}, left
     * running: kubectl pointed at that instance with {@code --server}.
     */
    private Command.Running watch(int instance, long resourceVersion, String run) {
        String path = URI.create(Stack.apiServer()).getPath() + ApiClient.CSRS + "?watch=true&timeoutSeconds="
                + ISSUED.plusMinutes(1).toSeconds() + "&resourceVersion=" + resourceVersion + "&labelSelector="
                + URLEncoder.encode(RequestLoad.RUN_LABEL + "=" + run, StandardCharsets.UTF_8);
        return kubectl.start("--server", Stack.apiServer(instance), "get", "--raw", path);
    }

    /** Waits until {@code watch} has shown a certificate for each of {@code names}; answers its events so far. */
    private static List<JsonNode> awaitEveryCertificate(Command.Running watch, String where, List<String> names) {
        return Poll.until("a certificate for each of " + names.size() + " requests on the watch of " + where, ISSUED,
                () -> {
                    List<JsonNode> events = watch.stdoutLines().stream()
                            .filter(line -> !line.isBlank())
                            .map(ScaleOutIT::parse)
                            .filter(event -> !event.path("type").asText().equals("BOOKMARK"))
                            .toList();
                    long issued = events.stream()
                            .filter(event -> RequestLoad.changeOf(event).equals("MODIFIED certificate"))
                            .count();
                    return issued >= names.size() ? Optional.of(events) : Optional.empty();
                });
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("a watch line that is no JSON: " + line, e);
        }
    }
}
