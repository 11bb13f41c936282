package io.certpipe.console.requests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The list's filters, from its query string: one cluster, one signer, one requester, an age window; empty means
 * any. Live updates apply the same filter, so a row the page would not list never appears in it.
 */
public record RequestFilter(String cluster, String signer, String requester, AgeWindow age) {

    public RequestFilter {
        cluster = blankToEmpty(cluster);
        signer = blankToEmpty(signer);
        requester = blankToEmpty(requester);
        age = age == null ? AgeWindow.ANY : age;
    }

    public static RequestFilter of(String cluster, String signer, String requester, String age) {
        return new RequestFilter(cluster, signer, requester, AgeWindow.of(age));
    }

    public boolean includesCluster(String name) {
        return cluster.isEmpty() || cluster.equals(name);
    }

    public boolean matches(RequestRow row, Instant now) {
        return includesCluster(row.cluster()) && (signer.isEmpty() || signer.equals(row.signer()))
                && (requester.isEmpty() || requester.equals(row.requester())) && age.admits(row.ageAt(now));
    }

    /** Whether any filter is set, so the page can offer to clear them. */
    public boolean isSet() {
        return !cluster.isEmpty() || !signer.isEmpty() || !requester.isEmpty() || age != AgeWindow.ANY;
    }

    /** The filters a cluster's live updates apply, as the query string of its events URL. */
    public String liveQuery() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("signer", signer);
        parameters.put("requester", requester);
        parameters.put("age", age.parameter());
        return parameters.entrySet().stream().filter(parameter -> !parameter.getValue().isEmpty())
                .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(),
                        StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
