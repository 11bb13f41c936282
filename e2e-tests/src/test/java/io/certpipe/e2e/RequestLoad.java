package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.event.CloudEvent;
import io.certpipe.common.event.EventType;
import io.certpipe.common.event.SignedData;
import io.certpipe.common.event.Topics;

/**
 * Requests created and approved through the API a few at a time, as a load under which a test crashes or scales
 * services, and what the tests check of it afterwards: one serial per request, and a watch that saw every change of
 * every request once, in resourceVersion order.
 */
final class RequestLoad {

    /** The label every request of one load carries, with the load's run id as its value. */
    static final String RUN_LABEL = "load-run";
    private static final int IN_FLIGHT = 4;

    /** Where request {@code i} of a load is created, and where it is approved. */
    record Route(ApiClient creator, ApiClient approver) {
    }

    private RequestLoad() {
    }

    /**
     * Creates {@code count} requests named {@code prefix-...} and labelled {@code RUN_LABEL=run} from
     * {@code requestPem}, and approves each as {@code kubectl certificate approve} does, {@link #IN_FLIGHT} at a
     * time, request {@code i} along {@code routes.apply(i)}; answers their names.
     */
    static List<String> createAndApprove(String prefix, String run, int count, String requestPem,
            IntFunction<Route> routes) {
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<CompletableFuture<String>> names = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> createAndApproveOne(prefix, run, requestPem, routes.apply(i)), clients))
                    .toList();
            return names.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdown();
        }
    }

    /** What a test does to the stack while a load runs: given the load, to know whether it is still running. */
    @FunctionalInterface
    interface Disruption {
        void during(Future<?> load) throws Exception;
    }

    /**
     * Runs {@link #createAndApprove}, every call made by {@code admin}, on a thread of its own while the calling
     * thread does {@code disruption}, then waits up to {@code timeout} for the load to end; answers its names.
     */
    static List<String> createAndApproveDuring(ApiClient admin, String prefix, String run, int count,
            String requestPem, Duration timeout, Disruption disruption) throws Exception {
        ExecutorService loader = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<List<String>> load = CompletableFuture.supplyAsync(
                    () -> createAndApprove(prefix, run, count, requestPem, i -> new Route(admin, admin)), loader);
            disruption.during(load);
            return load.get(timeout.toSeconds(), TimeUnit.SECONDS);
        } finally {
            loader.shutdownNow();
        }
    }

    private static String createAndApproveOne(String prefix, String run, String requestPem, Route route) {
        String name = Csrs.uniqueName(prefix);
        ApiClient.Response created = route.creator().create(Csrs.Manifest.of(name, requestPem,
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).withLabels(Map.of(RUN_LABEL, run)).json()
                .toString());
        assertEquals(201, created.code(), name + ": " + created.body());
        ObjectNode csr = (ObjectNode) created.body();
        ArrayNode conditions = csr.withObject("status").withArray("conditions");
        conditions.addObject().put("type", "Approved").put("status", "True").put("reason", "LoadTest")
                .put("message", "approved under load").put("lastUpdateTime", Instant.now().toString());
        ApiClient.Response approved = route.approver().updateApproval(name, csr.toString());
        assertEquals(200, approved.code(), name + ": " + approved.body());
        return name;
    }

    /**
     * The collection's resourceVersion now, which a watch from it sees every change after. On a fresh stack it is 0,
     * which a watch takes to mean "the current state" (as Kubernetes does), so a request is created first.
     */
    static long revisionToWatchFrom(ApiClient admin, String requestPem) {
        ApiClient.Response earlier = admin.create(Csrs.Manifest.of(Csrs.uniqueName("load-earlier"), requestPem,
                SignerNames.KUBE_APISERVER_CLIENT, Csrs.CLIENT_USAGES).json().toString());
        assertEquals(201, earlier.code(), earlier.body().toString());
        ApiClient.Response list = admin.callCsrs("GET", "?limit=1", null);
        assertEquals(200, list.code(), list.body().toString());
        return Long.parseLong(list.body().path("metadata").path("resourceVersion").asText());
    }

    /**
     * The changes of load {@code run}'s requests after {@code resourceVersion}, other than bookmarks: a JSON watch
     * through kubectl, ended by the server.
     */
    static List<JsonNode> changesSince(Kubectl kubectl, long resourceVersion, String run) {
        return kubectl.rawCsrs("watch=true&timeoutSeconds=5&resourceVersion=" + resourceVersion + "&labelSelector="
                        + URLEncoder.encode(RUN_LABEL + "=" + run, StandardCharsets.UTF_8)).stream()
                .filter(event -> !event.path("type").asText().equals("BOOKMARK"))
                .toList();
    }

    /**
     * Waits for every request of {@code names} to carry its certificate, then asserts that signing-service signed
     * each exactly once: one serial among the certificates it published for the request.
     */
    static void assertIssuedOnceEach(ApiClient admin, Kubectl kubectl, List<String> names) {
        names.forEach(name -> Csrs.awaitCertificate(kubectl, name));
        Map<String, String> uidByName = names.stream().collect(Collectors.toMap(name -> name,
                name -> admin.get(name).body().path("metadata").path("uid").asText()));
        KafkaTopics.awaitConsumed(Topics.INTAKE_SERVICE, Topics.SIGNING_RESULTS);
        Map<String, Set<String>> serials = serialsSigned(Set.copyOf(uidByName.values()));
        uidByName.forEach((name, uid) -> assertEquals(1, serials.getOrDefault(uid, Set.of()).size(),
                name + " signed once: " + serials.get(uid)));
    }

    /** Each request's serials in the certificates signing-service published for it. */
    private static Map<String, Set<String>> serialsSigned(Set<String> uids) {
        return KafkaTopics.events(Topics.SIGNING_RESULTS).stream()
                .filter(event -> event.type().equals(EventType.SIGNED.type()) && uids.contains(event.csruid()))
                .collect(Collectors.groupingBy(CloudEvent::csruid,
                        Collectors.mapping(event -> ((SignedData) event.data()).serialNumber(), Collectors.toSet())));
    }

    /**
     * Asserts that {@code events}, a watch's events other than bookmarks, hold every change once in resourceVersion
     * order, and for each of {@code names} exactly its creation, its approval and its certificate.
     */
    static void assertEveryChangeOnceInOrder(String watch, List<JsonNode> events, List<String> names) {
        List<Long> revisions = events.stream().map(RequestLoad::resourceVersion).toList();
        assertEquals(revisions.stream().sorted().distinct().toList(), revisions,
                watch + ": every change once, in resourceVersion order");
        Map<String, List<String>> changes = new HashMap<>();
        events.forEach(event -> changes.computeIfAbsent(event.path("object").path("metadata").path("name").asText(),
                name -> new ArrayList<>()).add(changeOf(event)));
        for (String name : names) {
            assertEquals(List.of("ADDED", "MODIFIED Approved", "MODIFIED certificate"), changes.get(name),
                    watch + ": " + name + " created, approved, issued, each seen once");
        }
    }

    /** What a watch event says changed: ADDED, or MODIFIED with the request's newest condition or certificate. */
    static String changeOf(JsonNode event) {
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
