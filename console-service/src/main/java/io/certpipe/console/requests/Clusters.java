package io.certpipe.console.requests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.certpipe.console.ConsoleConfig;
import io.certpipe.console.intake.ApiPaths;

/**
 * The clusters the console offers, from the clusters file ./certpipe maintains. Which of them a user may read is for
 * intake to say; this is only where to ask.
 */
@ApplicationScoped
public class Clusters {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClustersFile(List<Entry> clusters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String name) {
    }

    private final ConsoleConfig config;

    public Clusters(ConsoleConfig config) {
        this.config = config;
    }

    /** The clusters' names in the file's order, read afresh each time (the file is small). */
    public List<String> names() {
        try {
            ClustersFile file = YAML.readValue(config.clustersFile().toFile(), ClustersFile.class);
            return file.clusters() == null ? List.of() : file.clusters().stream().map(Entry::name)
                    .filter(ApiPaths::isClusterName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the clusters file " + config.clustersFile(), e);
        }
    }

    /** Whether {@code name} is one of them: anything else is not asked of intake. */
    public boolean contains(String name) {
        return ApiPaths.isClusterName(name) && names().contains(name);
    }
}
