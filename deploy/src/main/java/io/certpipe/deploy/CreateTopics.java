package io.certpipe.deploy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates every topic read from standard input ({@code <name> <partitions> <cleanup.policy>} per line) that the broker
 * lacks, in one JVM run, with its cleanup policy; grows a topic that has fewer partitions than listed (one the broker
 * auto-created with a single partition before the bootstrap ran) and sets the listed cleanup policy on a topic that
 * has another. Running it again changes nothing. Usage: {@code CreateTopics <client.properties>} (the bus
 * administrator's).
 */
public final class CreateTopics {

    /** The local stack is one broker; a larger factor could never be satisfied. */
    private static final short REPLICATION_FACTOR = 1;
    private static final long TIMEOUT_SECONDS = 60;

    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CreateTopics <client.properties>  "
                    + "(topics as '<name> <partitions> <cleanup.policy>' on stdin)");
            System.exit(2);
        }
        List<TopicSpec> wanted = readSpecs();
        try (Admin admin = Admin.create(ClientProperties.load(args[0]))) {
            ensure(admin, wanted);
        } catch (ExecutionException e) {
            System.err.println("topic bootstrap failed: " + e.getCause());
            System.exit(1);
        }
    }

    private static List<TopicSpec> readSpecs() throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            return in.lines().filter(line -> !line.isBlank()).map(TopicSpec::parse).toList();
        }
    }

    private static void ensure(Admin admin, List<TopicSpec> wanted) throws Exception {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<NewTopic> missing = wanted.stream()
                .filter(spec -> !existing.contains(spec.name()))
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), REPLICATION_FACTOR)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy())))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            missing.forEach(topic -> System.out.println("created topic " + topic.name() + " ("
                    + topic.numPartitions() + " partitions, cleanup " + topic.configs().get(
                            TopicConfig.CLEANUP_POLICY_CONFIG) + ")"));
        }
        List<TopicSpec> present = wanted.stream().filter(spec -> existing.contains(spec.name())).toList();
        growUndersized(admin, present);
        correctCleanupPolicies(admin, present);
    }

    private static void growUndersized(Admin admin, List<TopicSpec> present) throws Exception {
        if (present.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described = admin
                .describeTopics(present.stream().map(TopicSpec::name).toList())
                .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, NewPartitions> growth = present.stream()
                .filter(spec -> described.get(spec.name()).partitions().size() < spec.partitions())
                .collect(Collectors.toMap(TopicSpec::name, spec -> NewPartitions.increaseTo(spec.partitions())));
        if (!growth.isEmpty()) {
            admin.createPartitions(growth).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            growth.keySet().forEach(name -> System.out.println("grew topic " + name + " to its listed partitions"));
        }
    }

    private static void correctCleanupPolicies(Admin admin, List<TopicSpec> present) throws Exception {
        if (present.isEmpty()) {
            return;
        }
        Map<ConfigResource, TopicSpec> resources = present.stream().collect(Collectors.toMap(
                spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec -> spec));
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources.keySet()).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> corrections = resources.entrySet().stream()
                .filter(entry -> !entry.getValue().cleanupPolicy().equals(
                        configs.get(entry.getKey()).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()))
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, entry.getValue().cleanupPolicy()),
                        AlterConfigOp.OpType.SET))));
        if (!corrections.isEmpty()) {
            admin.incrementalAlterConfigs(corrections).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            corrections.keySet().forEach(resource -> System.out.println("set cleanup policy of topic "
                    + resource.name() + " to " + resources.get(resource).cleanupPolicy()));
        }
    }
}
