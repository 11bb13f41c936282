package io.certpipe.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The running certpipe stack under test, as {@code ./certpipe test} describes it in system properties: its state
 * directory, the checkout holding the {@code certpipe} script, and the port offset of every component.
 */
final class Stack {

    static final String CLUSTER = "default";

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    /** The stack's ports as {@code ./certpipe ports} names them, their one home; read once, on first use. */
    private static final class Ports {
        private static final Map<String, Integer> BY_COMPONENT_AND_NAME = read();

        private static Map<String, Integer> read() {
            Map<String, Integer> ports = new java.util.HashMap<>();
            for (String line : certpipe("ports").stdout().lines().toList()) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length != 3) {
                    throw new IllegalStateException("./certpipe ports printed '" + line + "', not COMPONENT NAME PORT");
                }
                ports.put(fields[0] + " " + fields[1], Integer.valueOf(fields[2]));
            }
            return Map.copyOf(ports);
        }
    }

    private Stack() {
    }

    static Path home() {
        return Path.of(required("certpipe.home")).toAbsolutePath().normalize();
    }

    static Path repo() {
        return Path.of(required("certpipe.repo")).toAbsolutePath().normalize();
    }

    /** The prefix of the stack's database and role names ({@code CERTPIPE_DB_PREFIX}). */
    static String databasePrefix() {
        return required("certpipe.db.prefix");
    }

    static int portOffset() {
        return Integer.parseInt(required("certpipe.port.offset"));
    }

    static String kafkaBootstrapServers() {
        return "127.0.0.1:" + port("kafka", "bootstrap");
    }

    /**
     * The Kafka client configuration of bus principal {@code principal} ({@code bus-admin}, a service) as
     * {@code ./certpipe} wrote it: bootstrap servers, TLS, its key and certificate. Add what the client needs.
     */
    static Properties busClient(String principal) {
        return clientProperties(home().resolve("bus").resolve(principal).resolve("client.properties"));
    }

    /** The bus administrator (a broker super user): what the tests use to read, inject and inspect records. */
    static Properties busAdmin() {
        return busClient("bus-admin");
    }

    static Properties clientProperties(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client configuration " + file, e);
        }
        return properties;
    }

    /** The API root of cluster {@code default}, as the kubeconfig names it. */
    static String apiServer() {
        return apiServer(1);
    }

    /** The API root of cluster {@code default} on intake's instance {@code instance} ({@code ./certpipe scale}). */
    static String apiServer(int instance) {
        return "https://127.0.0.1:" + port(instance("intake-service", instance), "api") + "/clusters/" + CLUSTER;
    }

    /** The OIDC issuer of a stack started with {@code --keycloak}: Keycloak's realm {@code certpipe}. */
    static String keycloakIssuer() {
        return "http://127.0.0.1:" + port("keycloak", "http") + "/realms/certpipe";
    }

    /** Keycloak's own address, for its admin API. */
    static String keycloak() {
        return "http://127.0.0.1:" + port("keycloak", "http");
    }

    /** intake-service's Prometheus metrics, on its management interface (plain HTTP on loopback). */
    static String intakeMetrics() {
        return "http://127.0.0.1:" + port("intake-service", "management") + "/q/metrics";
    }

    /** gc-service's Prometheus metrics, plain HTTP on loopback. */
    static String gcMetrics() {
        return "http://127.0.0.1:" + port("gc-service", "http") + "/q/metrics";
    }

    /** approval-service's Prometheus metrics, plain HTTP on loopback. */
    static String approvalMetrics() {
        return approvalMetrics(1);
    }

    /** The Prometheus metrics of approval-service's instance {@code instance}. */
    static String approvalMetrics(int instance) {
        return "http://127.0.0.1:" + port(instance("approval-service", instance), "http") + "/q/metrics";
    }

    /** signing-service's Prometheus metrics, plain HTTP on loopback. */
    static String signingMetrics() {
        return signingMetrics(1);
    }

    /** The Prometheus metrics of signing-service's instance {@code instance}. */
    static String signingMetrics(int instance) {
        return "http://127.0.0.1:" + port(instance("signing-service", instance), "http") + "/q/metrics";
    }

    /** Port {@code name} of {@code component} ({@code ./certpipe ports}: intake-service api, kafka bootstrap, ...). */
    static int port(String component, String name) {
        Integer port = Ports.BY_COMPONENT_AND_NAME.get(component + " " + name);
        if (port == null) {
            throw new IllegalStateException("./certpipe ports names no " + name + " port of " + component);
        }
        return port;
    }

    /** The component of {@code service}'s instance {@code instance} ({@code ./certpipe scale}): intake-service.2. */
    private static String instance(String service, int instance) {
        return instance == 1 ? service : service + "." + instance;
    }

    static Path adminKubeconfig() {
        return home().resolve("kubeconfig");
    }

    static Path adminCertificate() {
        return home().resolve("pki/admin.crt");
    }

    static Path adminKey() {
        return home().resolve("pki/admin.key");
    }

    static Path servingCa() {
        return home().resolve("pki/serving-ca.crt");
    }

    /** The published CA certificate of {@code signerName} in cluster {@code default}. */
    static Path signerCa(String signerName) {
        return home().resolve("signers").resolve(CLUSTER).resolve(signerName.replace('/', ':')).resolve("ca.crt");
    }

    /** The process of {@code service} as {@code ./certpipe up} recorded it, if it is running. */
    static Optional<ProcessHandle> process(String service) {
        try {
            long pid = Long.parseLong(Files.readString(home().resolve("run").resolve(service + ".pid")).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pid file of " + service, e);
        }
    }

    /** Kills {@code service} with SIGKILL, as a crash would, and waits until it is gone. */
    static void kill(String service) {
        process(service).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
    }

    /** Where every component of the stack writes its log. */
    static Path logs() {
        return home().resolve("logs");
    }

    /** Runs {@code <repo>/certpipe args...} against this stack and fails unless it exits 0. */
    static Command.Result certpipe(String... args) {
        return runCertpipe(args).requireSuccess("certpipe " + String.join(" ", args));
    }

    /** Runs {@code <repo>/certpipe args...} against this stack; the caller judges the result. */
    static Command.Result runCertpipe(String... args) {
        return runCertpipe(Map.of(), args);
    }

    /** Runs {@code <repo>/certpipe args...} against this stack with {@code environment} besides the stack's. */
    static Command.Result runCertpipe(Map<String, String> environment, String... args) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(repo().resolve("certpipe").toString());
        argv.addAll(List.of(args));
        Map<String, String> variables = new java.util.HashMap<>(environment);
        variables.put("CERTPIPE_HOME", home().toString());
        variables.put("CERTPIPE_PORT_OFFSET", Integer.toString(portOffset()));
        variables.put("CERTPIPE_DB_PREFIX", databasePrefix());
        return Command.run(argv, variables, SCRIPT_TIMEOUT, null);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the suite through "
                    + "./certpipe test or mvn -pl e2e-tests verify -DskipITs=false");
        }
        return value;
    }
}
