package io.certpipe.deploy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates every topic read from standard input ({@code <name> <partitions>} per line) that the broker lacks, in one
 * JVM run, and grows a topic that has fewer partitions than listed (one the broker auto-created with a single
 * partition before the bootstrap ran). Running it again changes nothing. Usage: {@code CreateTopics <bootstrap>}.
 */
public final class CreateTopics {

    /** The local stack is one broker; a larger factor could never be satisfied. */
    private static final short REPLICATION_FACTOR = 1;
    private static final long TIMEOUT_SECONDS = 60;

    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CreateTopics <bootstrap-servers>  (topics as '<name> <partitions>' on stdin)");
            System.exit(2);
        }
        List<TopicSpec> wanted = readSpecs();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(config)) {
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
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), REPLICATION_FACTOR))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            missing.forEach(topic -> System.out.println(
                    "created topic " + topic.name() + " (" + topic.numPartitions() + " partitions)"));
        }
        growUndersized(admin, wanted.stream().filter(spec -> existing.contains(spec.name())).toList());
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
}
