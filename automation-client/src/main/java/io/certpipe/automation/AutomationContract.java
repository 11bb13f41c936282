package io.certpipe.automation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The asynchronous API's names, each stated once: the topics of a client, its bus principal and consumer group, its
 * Kubernetes identity, and the event type of a request. docs/automation.md and docs/asyncapi.yaml describe the same
 * contract for people and tools; intake-service, the broker's ACLs ({@code BusAccess}), {@code ./certpipe automation}
 * and {@link io.certpipe.automation.client.AutomationClient} all take it from here.
 * <p>
 * Each client writes its requests to a topic of its own. Kafka tells a consumer nothing about who produced a record,
 * so the only identity the broker vouches for is the topic: the client's ACLs let it write its own request topic and
 * no other, and read its own reply topic and no other. The topic a request arrived on is therefore the client.
 */
public final class AutomationContract {

    /** Client {@code NAME} writes its requests to {@code certpipe.automation.requests.v1.NAME}. */
    public static final String REQUESTS_TOPIC_PREFIX = "certpipe.automation.requests.v1.";
    /** intake answers client {@code NAME} on {@code certpipe.automation.replies.v1.NAME}, which only it may read. */
    public static final String REPLIES_TOPIC_PREFIX = "certpipe.automation.replies.v1.";
    /** Partitions of each client's topics: requests keyed by {@code requestId} keep their order per key. */
    public static final int TOPIC_PARTITIONS = 3;

    /** CloudEvents {@code type} of a request. */
    public static final String REQUESTED_TYPE = "io.certpipe.automation.csr.requested.v1";
    /** The media type of a structured-mode CloudEvent, the only form requests and replies take. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** The Kafka record header that carries {@link #CONTENT_TYPE}. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** CloudEvents {@code source} of every reply. */
    public static final String REPLY_SOURCE = "/certpipe/intake-service";

    /** The Kubernetes user of client {@code NAME} is {@code certpipe:automation:NAME}. */
    public static final String KUBERNETES_USER_PREFIX = "certpipe:automation:";
    /** Every automation client is in this Kubernetes group (and in {@code system:authenticated}). */
    public static final String KUBERNETES_GROUP = "certpipe:automation";

    /**
     * A client may submit to a cluster whose RBAC lets its user {@code create} this resource of this API group (and
     * {@code certificatesigningrequests}, as anyone who asks for a certificate). No default grants it: a client uses the
     * clusters it was added to ({@code ./certpipe automation add NAME --cluster C}), as an API user's client
     * certificate logs in to one cluster only.
     */
    public static final String RBAC_API_GROUP = "certpipe.io";
    public static final String RBAC_RESOURCE = "automationrequests";
    /** The ClusterRole every cluster declares for automation clients; a ClusterRoleBinding per client grants it. */
    public static final String REQUESTER_ROLE = "certpipe:automation:requester";

    /** Client {@code NAME} is bus principal {@code User:automation.NAME} (its certificate's CN). */
    private static final String PRINCIPAL_PREFIX = "automation.";
    /** A client's name is a DNS label, so it is a safe topic suffix, file name, principal and group prefix. */
    private static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** The longest {@code requestId}: a Kubernetes object name's limit, so any name or UUID fits. */
    public static final int MAX_REQUEST_ID_LENGTH = 253;

    private AutomationContract() {
    }

    /** {@code name}, once it is a valid client name; otherwise an {@code IllegalArgumentException} says why. */
    public static String requireClientName(String name) {
        if (name == null || !CLIENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an automation client's name must be a DNS label (lowercase letters, "
                    + "digits and '-', starting and ending with a letter or digit, at most 63 characters): " + name);
        }
        return name;
    }

    public static String requestsTopic(String client) {
        return REQUESTS_TOPIC_PREFIX + requireClientName(client);
    }

    public static String repliesTopic(String client) {
        return REPLIES_TOPIC_PREFIX + requireClientName(client);
    }

    /** The client whose request topic {@code topic} is, if it is one. */
    public static Optional<String> clientOfRequestsTopic(String topic) {
        return suffixName(topic, REQUESTS_TOPIC_PREFIX);
    }

    /** The regular expression matching every client's request topic and nothing else, for a subscription. */
    public static String requestsTopicPattern() {
        return Pattern.quote(REQUESTS_TOPIC_PREFIX) + CLIENT_NAME.pattern();
    }

    public static String principal(String client) {
        return PRINCIPAL_PREFIX + requireClientName(client);
    }

    /**
     * The consumer group a client's {@code client.properties} names. Its ACLs allow every group starting with
     * {@code automation.NAME.} (the dot keeps client {@code a} out of client {@code ab}'s groups).
     */
    public static String consumerGroup(String client) {
        return consumerGroupPrefix(client) + "replies";
    }

    public static String consumerGroupPrefix(String client) {
        return principal(client) + ".";
    }

    public static String kubernetesUser(String client) {
        return KUBERNETES_USER_PREFIX + requireClientName(client);
    }

    /** The ClusterRoleBinding that lets client {@code NAME} use a cluster: named after its Kubernetes user. */
    public static String bindingName(String client) {
        return kubernetesUser(client);
    }

    /** The client whose Kubernetes user {@code username} is, if it is one. */
    public static Optional<String> clientOfKubernetesUser(String username) {
        return suffixName(username, KUBERNETES_USER_PREFIX);
    }

    /**
     * The names for {@code ./certpipe automation}, one per call: {@code rbac NAME} prints
     * {@code <binding> <role> <user>}, what binds client NAME in a cluster; {@code user NAME}, {@code topic requests
     * NAME} and {@code topic replies NAME} print one name; {@code group} prints the Kubernetes group of every client;
     * {@code check NAME} prints nothing. A bad client name exits with status 2 and the reason.
     */
    public static void main(String[] args) {
        String usage = "usage: AutomationContract rbac NAME | user NAME | topic requests|replies NAME | group"
                + " | check NAME";
        try {
            String answer = switch (String.join(" ", args.length > 1 ? List.of(args).subList(0, args.length - 1)
                    : List.of(args))) {
                case "group" -> KUBERNETES_GROUP;
                case "check" -> {
                    requireClientName(args[1]);
                    yield "";
                }
                case "rbac" -> bindingName(args[1]) + " " + REQUESTER_ROLE + " " + kubernetesUser(args[1]);
                case "user" -> kubernetesUser(args[1]);
                case "topic requests" -> requestsTopic(args[2]);
                case "topic replies" -> repliesTopic(args[2]);
                default -> throw new IllegalArgumentException(usage);
            };
            if (!answer.isEmpty()) {
                System.out.println(answer);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static Optional<String> suffixName(String value, String prefix) {
        if (value == null || !value.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = value.substring(prefix.length());
        return CLIENT_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
