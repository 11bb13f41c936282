package io.certpipe.console.intake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The paths of intake's API the console calls, below a cluster's {@code /clusters/<cluster>}. Names come from
 * users' URLs, so each is checked or percent-encoded here before it becomes part of a path.
 */
public final class ApiPaths {

    private static final String CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
    private static final String SIGNERS = "/apis/certpipe.io/v1/signers";
    private static final String EVENTS = "/api/v1/events";
    /** A cluster is named by a DNS label (./certpipe cluster add refuses anything else). */
    private static final Pattern CLUSTER = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private ApiPaths() {
    }

    /** Whether {@code cluster} can be a cluster's name; anything else is answered 404 without asking intake. */
    public static boolean isClusterName(String cluster) {
        return cluster != null && CLUSTER.matcher(cluster).matches();
    }

    /** Whether {@code name} can be a request's name (a path segment: not empty, no '/', not '.' or '..'). */
    public static boolean isRequestName(String name) {
        return name != null && !name.isEmpty() && name.indexOf('/') < 0 && !name.equals(".") && !name.equals("..");
    }

    public static String requests() {
        return CSRS;
    }

    /** A watch of every request from {@code resourceVersion} on, ended by intake after {@code timeoutSeconds}. */
    public static String watchRequests(String resourceVersion, long timeoutSeconds) {
        return CSRS + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + query(resourceVersion)
                + "&timeoutSeconds=" + timeoutSeconds;
    }

    public static String request(String name) {
        return CSRS + "/" + segment(name);
    }

    /** The subresource {@code kubectl certificate approve} and {@code deny} update. */
    public static String approval(String name) {
        return request(name) + "/approval";
    }

    /** The request's history, as {@code kubectl describe csr} asks for it. */
    public static String eventsOf(String name) {
        return EVENTS + "?fieldSelector=" + query("involvedObject.name=" + name);
    }

    /** The Signer object of {@code signerName}, named as intake publishes it ('/' written ':'). */
    public static String signer(String signerName) {
        return SIGNERS + "/" + segment(signerName.replace('/', ':'));
    }

    /**
     * {@code value} percent-encoded as one path segment (a space as {@code %20}, never '+'); the console's own links
     * to a request encode its name the same way.
     */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
