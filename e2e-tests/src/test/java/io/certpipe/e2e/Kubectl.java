package io.certpipe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** One row of {@code kubectl get csr}; no CSR cell holds a space, so columns split on whitespace. */
    record TableRow(List<String> header, List<String> cells) {

        String cell(String column) {
            assertEquals(header.size(), cells.size(), "cells of row " + cells);
            return cells.get(header.indexOf(column));
        }
    }
}
