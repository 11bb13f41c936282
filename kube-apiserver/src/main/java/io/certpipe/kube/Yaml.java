package io.certpipe.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The YAML reader of server-side apply bodies and RBAC manifest files (YAML is a superset of JSON). */
public final class Yaml {

    public static final ObjectMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }
}
