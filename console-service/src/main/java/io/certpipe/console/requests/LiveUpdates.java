package io.certpipe.console.requests;

import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.certpipe.console.ConsoleConfig;
import io.certpipe.console.intake.ApiPaths;
import io.certpipe.console.intake.IntakeApi;
import io.certpipe.console.intake.IntakeException;
import io.certpipe.console.intake.IntakeStatus;
import io.certpipe.console.session.SignedInUser;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * The list page's live updates of one cluster, as server-sent events fed by intake's watch of its requests with the
 * signed-in user's token (so a user sees live exactly what they may list). Each event's id is the revision it
 * reports: when intake ends the watch, the browser reconnects with it as {@code Last-Event-ID} and the console
 * watches again from there, with the session's token refreshed if it was due.
 *
 * <p>Events: {@value #UPSERT} (a row to insert or replace, as {@link RequestRow} JSON), {@value #REMOVE} (the
 * {@code key} of a row to drop), {@value #PROGRESS} (nothing changed up to the id) and {@value #STOPPED} (the page is
 * out of date or may no longer follow: it says why, and the page stops listening).
 */
@Path("/clusters/{cluster}/events")
public class LiveUpdates {

    static final String UPSERT = "upsert";
    static final String REMOVE = "remove";
    static final String PROGRESS = "progress";
    static final String STOPPED = "stopped";
    private static final Pattern REVISION = Pattern.compile("[0-9]{1,19}");

    private final IntakeApi intake;
    private final Clusters clusters;
    private final SignedInUser user;
    private final ObjectMapper json;
    private final ConsoleConfig.Intake config;

    public LiveUpdates(IntakeApi intake, Clusters clusters, SignedInUser user, ObjectMapper json,
            ConsoleConfig config) {
        this.intake = intake;
        this.clusters = clusters;
        this.user = user;
        this.json = json;
        this.config = config.intake();
    }

    /** Blocking only while it sets the watch up (the clusters file is read); events then flow as intake sends them. */
    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> follow(@RestPath String cluster, @RestQuery String resourceVersion,
            @RestHeader("Last-Event-ID") String lastEventId, @RestQuery String signer, @RestQuery String requester,
            @RestQuery String age, @Context Sse sse) {
        String from = lastEventId != null && !lastEventId.isBlank() ? lastEventId.strip() : resourceVersion;
        if (!clusters.contains(cluster) || from == null || !REVISION.matcher(from).matches()) {
            return Multi.createFrom().item(stopped(sse, "This page cannot follow cluster " + cluster
                    + "; reload it."));
        }
        RequestFilter filter = RequestFilter.of(cluster, signer, requester, age);
        return intake.watch(cluster, ApiPaths.watchRequests(from, config.watchDuration().toSeconds()),
                        user.bearerToken())
                .map(line -> toEvent(sse, cluster, filter, line))
                .onFailure().recoverWithMulti(failure -> endOf(sse, failure));
    }

    /**
     * How a failed watch ends the stream: a refusal (the sign-in lapsed, the user may no longer list) stops the
     * page's updates and says why; a watch intake dropped or did not answer (intake restarting) just ends the
     * stream, and the browser reconnects a few seconds later from the last revision it saw.
     */
    private static Multi<OutboundSseEvent> endOf(Sse sse, Throwable failure) {
        if (failure instanceof IntakeException refused
                && refused.status().code() != IntakeStatus.UNREACHABLE) {
            return Multi.createFrom().item(stopped(sse, "Live updates stopped: " + refused.status().message()));
        }
        return Multi.createFrom().empty();
    }

    private OutboundSseEvent toEvent(Sse sse, String cluster, RequestFilter filter, String line) {
        JsonNode event = parse(line);
        String type = event.path("type").asText();
        JsonNode object = event.path("object");
        String revision = object.path("metadata").path("resourceVersion").asText();
        return switch (type) {
            case "ADDED", "MODIFIED" -> {
                Instant now = Instant.now();
                RequestRow row = RequestRow.of(cluster, read(object), now);
                yield filter.matches(row, now) ? event(sse, UPSERT, revision, write(row))
                        : event(sse, REMOVE, revision, row.key());
            }
            case "DELETED" -> event(sse, REMOVE, revision, cluster + "/" + object.path("metadata").path("name")
                    .asText());
            case "BOOKMARK" -> event(sse, PROGRESS, revision, revision);
            default -> stopped(sse, "The list is out of date (" + object.path("message").asText(type)
                    + "); reload the page.");
        };
    }

    private static OutboundSseEvent event(Sse sse, String name, String id, String data) {
        return sse.newEventBuilder().name(name).id(id).data(data).build();
    }

    private static OutboundSseEvent stopped(Sse sse, String why) {
        return sse.newEventBuilder().name(STOPPED).data(why).build();
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (JsonProcessingException e) {
            return json.createObjectNode().put("type", "ERROR").set("object", json.createObjectNode()
                    .put("message", "intake sent a watch event that is no JSON"));
        }
    }

    private Csr read(JsonNode object) {
        try {
            return json.treeToValue(object, Csr.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake watched a request the console cannot read", e);
        }
    }

    private String write(RequestRow row) {
        try {
            return json.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row always serialises", e);
        }
    }
}
