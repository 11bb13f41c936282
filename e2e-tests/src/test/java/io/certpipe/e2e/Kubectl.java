package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real {@code kubectl}, as one identity (one kubeconfig), against the stack's API server. */
final class Kubectl {

    /** Kubernetes' CSR columns, as {@code kubectl get csr} prints them. */
    static final List<String> CSR_COLUMNS = List.of("NAME", "AGE", "SIGNERNAME", "REQUESTOR", "REQUESTEDDURATION",
            "CONDITION");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path kubeconfig;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The bootstrap admin ({@code certpipe-admin}, {@code system:masters}) of the stack's kubeconfig. */
    static Kubectl admin() {
        return new Kubectl(Stack.adminKubeconfig());
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs {@code kubectl args...}; the caller judges the result. */
    Command.Result run(String... args) {
        return runWithInput(null, args);
    }

    Command.Result runWithInput(String stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--request-timeout=30s"));
        argv.addAll(Arrays.asList(args));
        return Command.run(argv, Map.of(), TIMEOUT,
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code kubectl args...} without a request timeout and leaves it running, for {@code get -w}: the
     * caller reads its lines as they come and closes it.
     */
    Command.Running start(String... args) {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        argv.addAll(Arrays.asList(args));
        return Command.start(argv, Map.of());
    }

    /**
     * Runs a bash script as a tutorial reader would paste it, with {@code pipefail} and with {@code KUBECONFIG} set
     * so that every plain {@code kubectl} in it acts as this identity.
     */
    Command.Result shell(String script) {
        return Command.run(List.of("bash", "-o", "pipefail", "-c", script),
                Map.of("KUBECONFIG", kubeconfig.toString()), TIMEOUT, null);
    }

    /** {@code kubectl create -f -} with {@code manifest}; fails unless the API accepted it. */
    void create(String manifest) {
        runWithInput(manifest, "create", "-f", "-").requireSuccess("kubectl create");
    }

    void approve(String name) {
        run("certificate", "approve", name).requireSuccess("kubectl certificate approve " + name);
    }

    void deny(String name) {
        run("certificate", "deny", name).requireSuccess("kubectl certificate deny " + name);
    }

    void delete(String name) {
        run("delete", "csr", name).requireSuccess("kubectl delete csr " + name);
    }

    /** The request as {@code kubectl get csr NAME -o json} shows it, or empty when the API answers NotFound. */
    Optional<JsonNode> find(String name) {
        Command.Result result = run("get", "csr", name, "-o", "json");
        if (!result.succeeded() && result.stderr().contains("NotFound")) {
            return Optional.empty();
        }
        result.requireSuccess("kubectl get csr " + name);
        try {
            return Optional.of(JSON.readTree(result.stdout()));
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl printed no JSON for " + name, e);
        }
    }

    /**
     * {@code kubectl get --raw} on the CSR collection with {@code query}, parsed: the answer of a list, or, for a
     * watch ({@code watch=true}, ended by the server's {@code timeoutSeconds}), one event a line.
     */
    List<JsonNode> rawCsrs(String query) {
        // --raw takes a path from the host on: the kubeconfig's /clusters/<cluster> is not added.
        String path = URI.create(Stack.apiServer()).getPath() + ApiClient.CSRS + "?" + query;
        String printed = run("get", "--raw", path).requireSuccess("kubectl get --raw " + query).stdout();
        return printed.lines().filter(line -> !line.isBlank()).map(Kubectl::parse).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not one JSON document: " + json, e);
        }
    }

    JsonNode get(String name) {
        return find(name).orElseThrow(() -> new AssertionError("CSR " + name + " not found"));
    }

    /** {@code .status.certificate} through kubectl's jsonpath: base64 of the PEM, or empty while none is issued. */
    String certificateField(String name) {
        return run("get", "csr", name, "-o", "jsonpath={.status.certificate}")
                .requireSuccess("kubectl get csr " + name + " -o jsonpath").stdout().trim();
    }

    /** The server-side table row {@code kubectl get csr NAME} prints. */
    TableRow tableRow(String name) {
        Command.Result result = run("get", "csr", name).requireSuccess("kubectl get csr " + name);
        List<String> lines = result.stdout().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(2, lines.size(), "a header and one row:\n" + result.stdout());
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        assertEquals(CSR_COLUMNS, header, "kubectl get csr columns");
        return new TableRow(header, Arrays.asList(lines.get(1).trim().split("\\s+")));
    }

    /** {@code kubectl get csr args...} as printed, read back into its columns; fails unless kubectl succeeded. */
    PrintedTable table(String... args) {
        List<String> argv = new ArrayList<>(List.of("get", "csr"));
        argv.addAll(Arrays.asList(args));
        Command.Result result = run(argv.toArray(String[]::new)).requireSuccess("kubectl " + String.join(" ", argv));
        return PrintedTable.parse(result.stdout());
    }

    /**
     * A table as kubectl prints it. Cells may hold spaces (a condition's message does), so each cell is cut where
     * its column's header starts: kubectl's tab writer aligns every cell with its header.
     */
    record PrintedTable(List<String> columns, List<Map<String, String>> rows) {

        private static final Pattern HEADER_CELL = Pattern.compile("\\S+");

        static PrintedTable parse(String printed) {
            List<String> lines = printed.lines().filter(line -> !line.isBlank()).toList();
            if (lines.isEmpty()) {
                return new PrintedTable(List.of(), List.of());
            }
            List<String> columns = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            Matcher header = HEADER_CELL.matcher(lines.get(0));
            while (header.find()) {
                columns.add(header.group());
                starts.add(header.start());
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    int from = Math.min(starts.get(i), line.length());
                    int to = i + 1 < columns.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
                    row.put(columns.get(i), line.substring(from, to).trim());
                }
                rows.add(row);
            }
            return new PrintedTable(List.copyOf(columns), List.copyOf(rows));
        }

        /** The NAME cells, top to bottom. */
        List<String> names() {
            return rows.stream().map(row -> row.get("NAME")).toList();
        }

        Map<String, String> row(String name) {
            return rows.stream().filter(row -> name.equals(row.get("NAME"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
        }
    }

    /** One row of {@code kubectl get csr}; no CSR cell holds a space, so columns split on whitespace. */
    record TableRow(List<String> header, List<String> cells) {

        String cell(String column) {
            assertEquals(header.size(), cells.size(), "cells of row " + cells);
            return cells.get(header.indexOf(column));
        }
    }
}
