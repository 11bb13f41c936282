package io.certpipe.signing.signer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.certpipe.common.config.YamlErrors;
import io.certpipe.common.signer.ApprovalRules;
import io.certpipe.common.signer.SignerPolicy;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The operator's signers file, YAML: for each cluster, the signers it adds beside Kubernetes' built-in ones, each with
 * its policy and, optionally, the CA directory that signs for it and CAs it still publishes during a rotation.
 * docs/signers.md describes every field. Unknown fields are errors, so a misspelt rule never silently allows more.
 * Durations are written as in application.properties ({@code 720h}, {@code 30d}) or ISO 8601 ({@code PT720H}). YAML
 * anchors and aliases are not supported.
 */
final class SignersFile {

    /** The whole file. */
    record Document(Map<String, List<Entry>> clusters) {

        Document {
            clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
        }
    }

    /**
     * One signer of one cluster. {@code ca} and {@code additionalTrustedCas} name directories under the cluster's CA
     * directory; {@code ca} defaults to the signer name with {@code '/'} replaced by {@code ':'}. Kubernetes' built-in
     * signers may be listed to name their CA directories, never with a policy: their rules are Kubernetes'. Any signer
     * may say who must approve its requests ({@code approval}).
     */
    record Entry(String name, String ca, List<String> additionalTrustedCas, SignerPolicy policy,
            ApprovalRules approval) {

        Entry {
            additionalTrustedCas = additionalTrustedCas == null ? List.of() : List.copyOf(additionalTrustedCas);
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().addDeserializer(Duration.class, new ConfigDurationDeserializer()))
            .build();

    private SignersFile() {
    }

    static Document read(Path file) {
        if (!Files.isReadable(file)) {
            throw new SignerConfigurationException("the signers file " + file + " is missing or unreadable");
        }
        try {
            Document document = YAML.readValue(file.toFile(), Document.class);
            return document == null ? new Document(Map.of()) : document;
        } catch (JsonProcessingException e) {
            throw new SignerConfigurationException(YamlErrors.describe("the signers file " + file, e), e);
        } catch (IOException e) {
            throw new SignerConfigurationException("cannot read the signers file " + file, e);
        }
    }

    /** Reads a duration the way Quarkus reads one in application.properties. */
    private static final class ConfigDurationDeserializer extends JsonDeserializer<Duration> {

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return DurationConverter.parseDuration(text);
            } catch (IllegalArgumentException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, text,
                        "not a duration (write 720h, 30d or PT720H)");
            }
        }
    }
}
