package io.certpipe.signing.signer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.certpipe.common.csr.SignerNames;
import io.certpipe.common.signer.KubernetesSigners;
import io.certpipe.common.signer.SignerPolicy;
import io.certpipe.signing.ca.SignerId;

/**
 * Every signer this process serves: Kubernetes' built-in signers in each cluster that has their CA directory
 * ({@code <ca-directory>/<cluster>/kubernetes.io:<name>}), and the signers of the operator's signers file. A file
 * that names a signer wrongly, breaks Kubernetes' rules for signer names, or declares an unusable policy stops the
 * service with every problem listed: a CA must not start on a configuration it cannot honour.
 */
public final class SignerDefinitions {

    private static final String KUBERNETES_DOMAIN = "kubernetes.io/";
    /** A CA is named by one directory under its cluster's, never a path that leaves it. */
    private static final Pattern DIRECTORY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Comparator<SignerDefinition> ORDER = Comparator
            .comparing((SignerDefinition definition) -> definition.id().cluster())
            .thenComparing(definition -> definition.id().signerName());

    private SignerDefinitions() {
    }

    /**
     * @param caRoot the CA directory ({@code certpipe.signing.ca-directory})
     * @param signersFile the operator's signers file, if one is configured
     * @param signingDuration the lifetime of Kubernetes' built-in signers' certificates
     */
    public static List<SignerDefinition> resolve(Path caRoot, Optional<Path> signersFile, Duration signingDuration) {
        Map<String, SignerPolicy> builtIns = KubernetesSigners.policies(signingDuration);
        Map<SignerId, SignerDefinition> definitions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        SignersFile.Document file = signersFile.map(SignersFile::read).orElse(new SignersFile.Document(Map.of()));
        file.clusters().forEach((cluster, entries) -> {
            if (!DIRECTORY_NAME.matcher(cluster).matches()) {
                problems.add("cluster \"" + cluster + "\" is not a valid cluster name");
                return;
            }
            for (SignersFile.Entry entry : entries) {
                definitionOf(caRoot.resolve(cluster), cluster, entry, builtIns, problems).ifPresent(definition -> {
                    if (definitions.putIfAbsent(definition.id(), definition) != null) {
                        problems.add(definition.id() + " is listed twice");
                    }
                });
            }
        });
        if (!problems.isEmpty()) {
            throw new SignerConfigurationException("the signers file " + signersFile.orElseThrow(), problems);
        }
        for (Path clusterDirectory : clusterDirectories(caRoot)) {
            String cluster = clusterDirectory.getFileName().toString();
            builtIns.forEach((signerName, policy) -> {
                SignerId id = new SignerId(cluster, signerName);
                Path caDirectory = clusterDirectory.resolve(id.directoryName());
                if (!definitions.containsKey(id) && Files.isDirectory(caDirectory)) {
                    definitions.put(id, new SignerDefinition(id, policy, null, caDirectory, List.of()));
                }
            });
        }
        return definitions.values().stream().sorted(ORDER).toList();
    }

    private static Optional<SignerDefinition> definitionOf(Path clusterDirectory, String cluster,
            SignersFile.Entry entry, Map<String, SignerPolicy> builtIns, List<String> problems) {
        String name = entry.name();
        if (name == null || SignerNames.problemWith(name) != null) {
            problems.add("signer name \"" + name + "\" in cluster " + cluster + ": "
                    + (name == null ? "missing" : SignerNames.problemWith(name)));
            return Optional.empty();
        }
        SignerId id = new SignerId(cluster, name);
        List<String> own = new ArrayList<>();
        SignerPolicy policy = entry.policy();
        if (name.startsWith(KUBERNETES_DOMAIN)) {
            if (!builtIns.containsKey(name)) {
                own.add("kubernetes.io signers are Kubernetes' own; certpipe serves " + builtIns.keySet());
            } else if (policy != null) {
                own.add("the rules of Kubernetes' built-in signers are fixed: list it without a policy");
            }
            policy = builtIns.get(name);
        } else if (policy == null) {
            own.add("policy is required");
        } else {
            own.addAll(policy.problems());
        }
        if (entry.approval() != null) {
            own.addAll(entry.approval().problems());
        }
        String ca = entry.ca() == null ? id.directoryName() : entry.ca();
        Stream.concat(Stream.of(ca), entry.additionalTrustedCas().stream())
                .filter(directory -> !DIRECTORY_NAME.matcher(directory).matches())
                .forEach(directory -> own.add("\"" + directory + "\" is not a directory name under "
                        + clusterDirectory));
        own.forEach(problem -> problems.add(id + ": " + problem));
        if (!own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignerDefinition(id, policy, entry.approval(), clusterDirectory.resolve(ca),
                entry.additionalTrustedCas().stream().map(clusterDirectory::resolve).toList()));
    }

    private static List<Path> clusterDirectories(Path caRoot) {
        if (!Files.isDirectory(caRoot)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(caRoot)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list CA directory " + caRoot, e);
        }
    }
}
