package io.certpipe.console.requests;

import java.util.List;

/**
 * The list page: the rows that pass the filter (pending first), the values the filter can take, where each readable
 * cluster's live updates come from, and which clusters could not be listed and why.
 */
public record RequestList(RequestFilter filter, List<RequestRow> rows, int recentLeftOut, List<String> clusters,
        List<String> signers, List<String> requesters, List<LiveSource> liveSources, List<Unlisted> unlisted) {

    /** Where the page's script follows {@code cluster}: its events URL, which goes on from the list's revision. */
    public record LiveSource(String cluster, String eventsPath) {
    }

    /** A cluster whose list intake did not give (other than a refusal, which only means the user may not read it). */
    public record Unlisted(String cluster, String reason) {
    }

    public List<AgeWindow> ages() {
        return List.of(AgeWindow.values());
    }

    public long pendingCount() {
        return rows.stream().filter(row -> row.state().awaitsDecision()).count();
    }
}
