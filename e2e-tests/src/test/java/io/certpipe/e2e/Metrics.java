package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's Prometheus metrics, read as an operator's scraper reads them. */
final class Metrics {

    private static final int SCRAPE_ATTEMPTS = 3;

    private Metrics() {
    }

    /** The sum of {@code metric}'s samples at {@code url} whose labels include all of {@code labels}. */
    static double sum(String url, String metric, Set<String> labels) {
        Matcher samples = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape(url));
        double sum = 0;
        while (samples.find()) {
            if (Set.of(samples.group(1).split(",")).containsAll(labels)) {
                sum += Double.parseDouble(samples.group(2));
            }
        }
        return sum;
    }

    /**
     * One scrape over HTTP/1.1, as Prometheus sends it (the JDK client would otherwise try an h2c upgrade). A scrape
     * once failed in CI with an I/O error while the service was signing; a scraper would read again at its next
     * interval, and so does this, twice, before it calls the endpoint unreadable.
     */
    private static String scrape(String url) {
        IOException last = null;
        for (int attempt = 1; attempt <= SCRAPE_ATTEMPTS; attempt++) {
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), url + ": " + response.body());
                return response.body();
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("cannot read " + url + " in " + SCRAPE_ATTEMPTS + " attempts", last);
    }
}
