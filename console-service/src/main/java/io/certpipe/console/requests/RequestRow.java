package io.certpipe.console.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.certpipe.console.intake.ApiPaths;

/**
 * One request in the list, as the page renders it and as a live update sends it to the page's script, which writes
 * each field as text.
 */
public record RequestRow(String cluster, String name, String href, String signer, String requester,
        Instant created, String age, @JsonIgnore RequestState state) {

    /** Pending requests first, as they are what an approver is here for; within each part the newest first. */
    public static final Comparator<RequestRow> PENDING_FIRST = Comparator
            .comparing((RequestRow row) -> !row.state().awaitsDecision())
            .thenComparing(RequestRow::created, Comparator.reverseOrder());

    public static RequestRow of(String cluster, Csr csr, Instant now) {
        return new RequestRow(cluster, csr.name(), detailPath(cluster, csr.name()), csr.spec().signerName(),
                csr.spec().username(), csr.metadata().creationTimestamp(),
                Age.between(csr.metadata().creationTimestamp(), now), csr.state());
    }

    /** The console's page of request {@code name} in {@code cluster}. */
    public static String detailPath(String cluster, String name) {
        return "/clusters/" + cluster + "/requests/" + ApiPaths.segment(name);
    }

    /** Identifies the row in the page ({@code data-key}): a name is unique only within its cluster. */
    @JsonProperty
    public String key() {
        return cluster + "/" + name;
    }

    @JsonProperty
    public String stateLabel() {
        return state.label();
    }

    @JsonProperty
    public String stateClass() {
        return state.cssClass();
    }

    Duration ageAt(Instant now) {
        return Duration.between(created, now);
    }
}
