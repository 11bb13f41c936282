package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.Topics;

/**
 * signing-service issues a poll's approvals together, and intake commits what arrives together. Killed with SIGKILL
 * in the middle of that, under a steady load of requests created and approved through the API, signing-service
 * comes back and every request is issued, each with one serial (a redelivered approval re-publishes the certificate
 * it stored; it never signs again), and a watch from before the load sees each change of each request once, in
 * resourceVersion order, none missing.
 */
class IssuanceCrashIT {

    private static final String SIGNING_SERVICE = "signing-service";
    private static final int REQUESTS = 48;
    private static final int IN_FLIGHT = 4;
    private static final Duration LOAD = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private final ApiClient admin = ApiClient.admin();
    private final Kubectl kubectl = Kubectl.admin();

    @Test
    void signingServiceKilledUnderLoadIssuesEveryRequestOnceAndTheWatchSeesEveryChangeOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String requestPem = Openssl.newKeyAndRequest(work, "crash", "/CN=mallory/O=dev-team").requestPem();
        long before = revisionToWatchFrom(requestPem);
        ExecutorService load = Executors.newSingleThreadExecutor();
        List<String> names;
        try {
            CompletableFuture<List<String>> submitted = CompletableFuture.supplyAsync(
                    () -> createAndApprove(run, requestPem), load);
            Poll.until("signing-service to issue some of the requests", () -> issuedSoFar(run) > 0
                    ? Optional.of(true) : Optional.empty());
            Stack.kill(SIGNING_SERVICE);
            names = submitted.get(LOAD.toSeconds(), TimeUnit.SECONDS);
            Stack.certpipe("up", "--no-build");
        } finally {
            load.shutdownNow();
        }
        names.forEach(name -> Csrs.awaitCertificate(kubectl, name));
        Map<String, String> uidByName = names.stream().collect(Collectors.toMap(name -> name,
                name -> admin.get(name).body().path("metadata").path("uid").asText()));
        KafkaTopics.awaitConsumed(Topics.INTAKE_SERVICE, Topics.SIGNING_RESULTS);

        Map<String, Set<String>> serials = serialsSigned(Set.copyOf(uidByName.values()));
        uidByName.forEach((name, uid) -> assertEquals(1, serials.getOrDefault(uid, Set.of()).size(),
                name + " signed once: " + serials.get(uid)));

        List<JsonNode> events = watchFrom(before, "crash-run=" + run);
        List<Long> revisions = events.stream().map(IssuanceCrashIT::resourceVersion).toList();
        assertEquals(revisions.stream().sorted().distinct().toList(), revisions,
                "every change once, in resourceVersion order");
        Map<String, List<String>> changes = new HashMap<>();
        events.forEach(event -> changes.computeIfAbsent(event.path("object").path("metadata").path("name").asText(),
                name -> new ArrayList<>()).add(changeOf(event)));
        for (String name : names) {
            assertEquals(List.of("ADDED", "MODIFIED Approved", "MODIFIED certificate"), changes.get(name),
                    name + ": created, approved, issued, each seen once");
        }
    }

    /** Creates and approves {@link #REQUESTS} requests labelled with {@code run}, a few at a time; answers names. */
    private List<String> createAndApprove(String run, String requestPem) {
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<CompletableFuture<String>> names = IntStream.range(0, REQUESTS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> createAndApproveOne(run, requestPem),
                            clients))
                    .toList();
            return names.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdown();
        }
    }

    private String createAndApproveOne(String run, String requestPem) {
        String name = Csrs.uniqueName("crash-" + run);
        ApiClient.Response created = admin.create(Csrs.Manifest.of(name, requestPem,
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).withLabels(Map.of("crash-run", run)).json()
                .toString());
        assertEquals(201, created.code(), name + ": " + created.body());
        ObjectNode csr = (ObjectNode) created.body();
        ArrayNode conditions = csr.withObject("status").withArray("conditions");
        conditions.addObject().put("type", "Approved").put("status", "True").put("reason", "CrashTest")
                .put("message", "approved under load").put("lastUpdateTime", Instant.now().toString());
        ApiClient.Response approved = admin.updateApproval(name, csr.toString());
        assertEquals(200, approved.code(), name + ": " + approved.body());
        return name;
    }

    private static long issuedSoFar(String run) {
        return KafkaTopics.events(Topics.LIFECYCLE).stream()
                .filter(event -> event.type().equals(EventType.ISSUED.type())
                        && event.subject().startsWith("crash-" + run))
                .count();
    }

    /** Each request's serials in the certificates signing-service published for it. */
    private static Map<String, Set<String>> serialsSigned(Set<String> uids) {
        return KafkaTopics.events(Topics.SIGNING_RESULTS).stream()
                .filter(event -> event.type().equals(EventType.SIGNED.type()) && uids.contains(event.csruid()))
                .collect(Collectors.groupingBy(CloudEvent::csruid,
                        Collectors.mapping(event -> ((SignedData) event.data()).serialNumber(), Collectors.toSet())));
    }

    /**
     * The collection's resourceVersion now, which a watch from it sees every change after. On a fresh stack it is 0,
     * which a watch takes to mean "the current state" (as Kubernetes does), so a request is created first.
     */
    private long revisionToWatchFrom(String requestPem) {
        ApiClient.Response earlier = admin.create(Csrs.Manifest.of(Csrs.uniqueName("crash-earlier"), requestPem,
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).json().toString());
        assertEquals(201, earlier.code(), earlier.body().toString());
        ApiClient.Response list = admin.callCsrs("GET", "?limit=1", null);
        assertEquals(200, list.code(), list.body().toString());
        return Long.parseLong(list.body().path("metadata").path("resourceVersion").asText());
    }

    /** A JSON watch from {@code resourceVersion}, ended by the server, without bookmarks. */
    private List<JsonNode> watchFrom(long resourceVersion, String labelSelector) {
        return kubectl.rawCsrs("watch=true&timeoutSeconds=5&resourceVersion=" + resourceVersion + "&labelSelector="
                        + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8)).stream()
                .filter(event -> !event.path("type").asText().equals("BOOKMARK"))
                .toList();
    }

    /** What a watch event says changed: ADDED, or MODIFIED with the request's newest condition or certificate. */
    private static String changeOf(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode status = event.path("object").path("status");
        if (!type.equals("MODIFIED")) {
            return type;
        }
        if (!status.path("certificate").asText().isEmpty()) {
            return type + " certificate";
        }
        JsonNode conditions = status.path("conditions");
        return type + " " + conditions.path(conditions.size() - 1).path("type").asText();
    }

    private static long resourceVersion(JsonNode event) {
        return Long.parseLong(event.path("object").path("metadata").path("resourceVersion").asText());
    }
}
