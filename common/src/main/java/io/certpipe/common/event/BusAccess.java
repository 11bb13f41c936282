package io.certpipe.common.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.certpipe.automation.AutomationContract;

/**
 * Who may do what on the bus: the broker's ACLs, derived from {@link Topics} alone. The broker denies everything these
 * grants do not allow ({@code StandardAuthorizer}, no ACL means no access). Each service is the principal named by the
 * CN of its bus certificate (its service name) and may write the topics it publishes and the dead-letter topics named
 * after it ({@code <input>.dlq.<service>}), read those inputs, in consumer groups named after itself. Nothing else. An
 * auditor may read the lifecycle topic in groups named after it; an automation client may write its
 * own request topic and read its own reply topic. {@code ./certpipe} applies these rows (run this
 * class's {@code main}); docs/architecture.md shows them as a table.
 */
public final class BusAccess {

    /** An auditor's name: a DNS label, so it is a safe file name, principal and consumer group prefix. */
    private static final Pattern AUDITOR_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public enum Operation {
        READ, WRITE
    }

    public enum ResourceType {
        TOPIC, GROUP
    }

    /** Whether a grant names one resource or every resource whose name starts with it. */
    public enum Match {
        LITERAL, PREFIXED
    }

    /** One ACL: {@code User:<principal>} may {@code operation} the resource(s) named {@code resource}. */
    public record Grant(String principal, Operation operation, ResourceType resourceType, Match match,
            String resource) {

        /** {@code <principal> <operation> <resource type> <match> <resource>}, as {@code ./certpipe} reads it. */
        public String line() {
            return String.join(" ", principal, lower(operation), lower(resourceType), lower(match), resource);
        }

        private static String lower(Enum<?> value) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }

    private BusAccess() {
    }

    /** Every service's grants: for each publisher, its reads, its consumer groups, then its writes. */
    public static List<Grant> services() {
        List<Grant> grants = new ArrayList<>();
        for (String service : Topics.publishers()) {
            List<String> deadLetters = Topics.all().stream()
                    .map(Topics.Topic::name)
                    .filter(topic -> topic.endsWith(Topics.DEAD_LETTERS + service))
                    .toList();
            deadLetters.forEach(deadLetter -> grants.add(readInputOf(service, deadLetter)));
            // A service's instances share its group; an instance that reads a topic whole has a group of its own,
            // named after the service with a suffix (BusClientSource).
            grants.add(new Grant(service, Operation.READ, ResourceType.GROUP, Match.PREFIXED, service));
            Topics.all().stream()
                    .filter(topic -> service.equals(topic.publisher()))
                    .forEach(topic -> grants.add(new Grant(service, Operation.WRITE, ResourceType.TOPIC,
                            Match.LITERAL, topic.name())));
            deadLetters.forEach(deadLetter -> grants.add(new Grant(service, Operation.WRITE, ResourceType.TOPIC,
                    Match.LITERAL, deadLetter)));
            if (service.equals(Topics.INTAKE_SERVICE)) {
                // intake answers every automation client on its own reply topic.
                grants.add(new Grant(service, Operation.WRITE, ResourceType.TOPIC, Match.PREFIXED,
                        AutomationContract.REPLIES_TOPIC_PREFIX));
            }
        }
        return grants;
    }

    /**
     * The input a dead-letter topic parks records of, as a grant to read it: one topic, or for the automation requests
     * every client's request topic (the clients' topics share a prefix, and intake reads them all by pattern).
     */
    private static Grant readInputOf(String service, String deadLetter) {
        if (deadLetter.equals(Topics.AUTOMATION_REQUESTS_DLQ_INTAKE)) {
            return new Grant(service, Operation.READ, ResourceType.TOPIC, Match.PREFIXED,
                    AutomationContract.REQUESTS_TOPIC_PREFIX);
        }
        return new Grant(service, Operation.READ, ResourceType.TOPIC, Match.LITERAL,
                deadLetter.substring(0, deadLetter.lastIndexOf(Topics.DEAD_LETTERS)));
    }

    /**
     * The grants of automation client {@code name} ({@link AutomationContract}): write its own request topic, read its
     * own reply topic, in consumer groups whose names start with {@code automation.<name>.}. Nothing else: another
     * client's topics are closed to it, so the topic a request arrives on names its sender.
     */
    public static List<Grant> automationClient(String name) {
        String principal = AutomationContract.principal(name);
        return List.of(
                new Grant(principal, Operation.WRITE, ResourceType.TOPIC, Match.LITERAL,
                        AutomationContract.requestsTopic(name)),
                new Grant(principal, Operation.READ, ResourceType.TOPIC, Match.LITERAL,
                        AutomationContract.repliesTopic(name)),
                new Grant(principal, Operation.READ, ResourceType.GROUP, Match.PREFIXED,
                        AutomationContract.consumerGroupPrefix(name)));
    }

    /** The principal of auditor {@code name}: the CN of its certificate. */
    public static String auditorPrincipal(String name) {
        if (!AUDITOR_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an auditor's name must be a DNS label (lowercase letters, digits and"
                    + " '-', starting and ending with a letter or digit, at most 63 characters): " + name);
        }
        return "auditor." + name;
    }

    /**
     * The grants of auditor {@code name}: read the lifecycle topic and the event signing keys, in consumer groups whose
     * names start with {@code auditor.<name>.} (the dot keeps auditor {@code a} out of auditor {@code ab}'s groups).
     */
    public static List<Grant> auditor(String name) {
        String principal = auditorPrincipal(name);
        return List.of(
                new Grant(principal, Operation.READ, ResourceType.TOPIC, Match.LITERAL, Topics.LIFECYCLE),
                new Grant(principal, Operation.READ, ResourceType.TOPIC, Match.LITERAL, Topics.EVENT_SIGNING_KEYS),
                new Grant(principal, Operation.READ, ResourceType.GROUP, Match.PREFIXED, principal + "."));
    }

    /** The consumer group an auditor's {@code client.properties} names; it may use any other of its prefix. */
    public static String auditorGroup(String name) {
        return auditorPrincipal(name) + ".audit";
    }

    /**
     * Prints the grants, one {@link Grant#line()} per line ({@code services}, or {@code auditor NAME}), or the
     * consumer group of an auditor ({@code auditor-group NAME}).
     */
    public static void main(String[] args) {
        List<Grant> grants;
        if (args.length == 1 && args[0].equals("services")) {
            grants = services();
        } else if (args.length == 2 && (args[0].equals("automation") || args[0].equals("automation-group"))) {
            try {
                grants = automationClient(args[1]);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            if (args[0].equals("automation-group")) {
                System.out.println(AutomationContract.consumerGroup(args[1]));
                return;
            }
        } else if (args.length == 2 && (args[0].equals("auditor") || args[0].equals("auditor-group"))) {
            try {
                grants = auditor(args[1]);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            if (args[0].equals("auditor-group")) {
                System.out.println(auditorGroup(args[1]));
                return;
            }
        } else {
            System.err.println("usage: BusAccess services | BusAccess auditor NAME | BusAccess auditor-group NAME"
                    + " | BusAccess automation NAME | BusAccess automation-group NAME");
            System.exit(2);
            return;
        }
        grants.forEach(grant -> System.out.println(grant.line()));
    }
}
