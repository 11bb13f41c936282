package io.certpipe.console.requests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.console.intake.ApiPaths;
import io.certpipe.console.intake.IntakeApi;
import io.certpipe.console.intake.IntakeException;
import io.certpipe.console.intake.IntakeStatus;

/**
 * Lists the requests of every cluster the signed-in user may read, as they would with kubectl: one list per cluster,
 * with their token. A cluster that refuses them (403), or does not trust their issuer at all (401: a token trusted
 * by one cluster opens no other), is left out as if it did not exist for them; when every cluster refuses, the whole
 * page is not allowed, and when none takes the token, they sign in again.
 */
@ApplicationScoped
public class RequestCatalogue {

    /** Decided requests beyond this many (the newest kept) are left out of the list; pending ones never are. */
    static final int RECENT_SHOWN = 200;

    private final Clusters clusters;
    private final IntakeApi intake;
    private final ObjectMapper json;

    public RequestCatalogue(Clusters clusters, IntakeApi intake, ObjectMapper json) {
        this.clusters = clusters;
        this.intake = intake;
        this.json = json;
    }

    public RequestList list(RequestFilter filter, String token) {
        Instant now = Instant.now();
        List<String> readable = new ArrayList<>();
        List<RequestRow> all = new ArrayList<>();
        List<RequestList.LiveSource> live = new ArrayList<>();
        List<RequestList.Unlisted> unlisted = new ArrayList<>();
        List<String> offered = clusters.names();
        IntakeException unauthenticated = null;
        for (String cluster : offered) {
            JsonNode list;
            try {
                list = intake.get(cluster, ApiPaths.requests(), token);
            } catch (IntakeException refused) {
                if (refused.isForbidden()) {
                    continue;
                }
                if (refused.status().code() == 401) {
                    unauthenticated = refused;
                    continue;
                }
                unlisted.add(new RequestList.Unlisted(cluster, refused.status().message()));
                continue;
            }
            readable.add(cluster);
            for (JsonNode item : list.path("items")) {
                all.add(RequestRow.of(cluster, read(item), now));
            }
            if (filter.includesCluster(cluster)) {
                live.add(new RequestList.LiveSource(cluster, eventsPath(cluster, filter,
                        list.path("metadata").path("resourceVersion").asText())));
            }
        }
        if (readable.isEmpty() && unlisted.isEmpty() && unauthenticated != null) {
            throw unauthenticated;
        }
        if (readable.isEmpty() && unlisted.isEmpty() && !offered.isEmpty()) {
            throw new IntakeException(new IntakeStatus(403, "Forbidden", "you may not list the certificate "
                    + "signing requests of any cluster (" + String.join(", ", offered) + ")"));
        }
        return shown(filter, all, now, readable, live, unlisted);
    }

    private static RequestList shown(RequestFilter filter, List<RequestRow> all, Instant now, List<String> readable,
            List<RequestList.LiveSource> live, List<RequestList.Unlisted> unlisted) {
        List<RequestRow> matching = all.stream().filter(row -> filter.matches(row, now))
                .sorted(RequestRow.PENDING_FIRST).toList();
        List<RequestRow> pending = matching.stream().filter(row -> row.state().awaitsDecision()).toList();
        List<RequestRow> decided = matching.stream().filter(row -> !row.state().awaitsDecision()).toList();
        List<RequestRow> rows = new ArrayList<>(pending);
        rows.addAll(decided.subList(0, Math.min(decided.size(), RECENT_SHOWN)));
        return new RequestList(filter, rows, Math.max(0, decided.size() - RECENT_SHOWN), readable,
                distinct(all.stream().map(RequestRow::signer).toList()),
                distinct(all.stream().map(RequestRow::requester).toList()), live, unlisted);
    }

    /** The console's events URL of {@code cluster}, following on from the list's {@code resourceVersion}. */
    static String eventsPath(String cluster, RequestFilter filter, String resourceVersion) {
        String query = filter.liveQuery();
        return "/clusters/" + cluster + "/events?resourceVersion="
                + URLEncoder.encode(resourceVersion, StandardCharsets.UTF_8)
                + (query.isEmpty() ? "" : "&" + query);
    }

    private Csr read(JsonNode item) {
        try {
            return json.treeToValue(item, Csr.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake listed a request the console cannot read: " + e
                    .getOriginalMessage(), e);
        }
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }
}
