package io.certpipe.automation.asyncapi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The npm {@code @asyncapi/parser}, run by Node.js: installed with {@code npm ci} from the package files in
 * {@code src/test/resources/asyncapi/} (the lock pins every package), and asked by {@code diagnose.cjs} what it finds
 * wrong with a document. An installation whose lock matches is reused, so a build installs it once.
 */
final class AsyncApiParser {

    /** Spectral's severities, as the parser reports them. */
    static final int ERROR = 0;
    static final int WARNING = 1;

    private static final String RESOURCES = "/asyncapi/";
    private static final List<String> PACKAGE_FILES = List.of("package.json", "package-lock.json");
    private static final long INSTALL_MINUTES = 5;
    private static final long PARSE_MINUTES = 2;

    private final Path installation;
    private final Path script;

    private AsyncApiParser(Path installation, Path script) {
        this.installation = installation;
        this.script = script;
    }

    record Diagnostic(String code, int severity, String message, List<Object> path) {
    }

    static AsyncApiParser installedIn(Path installation) throws IOException, InterruptedException {
        Files.createDirectories(installation);
        if (!isInstalled(installation)) {
            for (var file : PACKAGE_FILES) {
                Files.copy(resource(file), installation.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            // --ignore-scripts: nothing the parser needs runs at install time, and a package's telemetry should not.
            run(installation, installation.resolve("npm.log"), INSTALL_MINUTES, "npm", "ci", "--ignore-scripts",
                    "--no-audit", "--no-fund");
        }
        return new AsyncApiParser(installation, resource("diagnose.cjs"));
    }

    /** Everything the parser finds in {@code document}, errors and warnings as well as hints. */
    List<Diagnostic> diagnose(Path document) throws IOException, InterruptedException {
        var stdout = Files.createTempFile("asyncapi-diagnostics", ".json");
        try {
            var process = new ProcessBuilder("node", script.toString(), installation.toString(), document.toString())
                    .redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            finish(process, PARSE_MINUTES, "node diagnose.cjs " + document);
            return new ObjectMapper().readValue(stdout.toFile(), new TypeReference<List<Diagnostic>>() {
            });
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    private static boolean isInstalled(Path installation) throws IOException {
        if (!Files.isDirectory(installation.resolve("node_modules/@asyncapi/parser"))) {
            return false;
        }
        for (var file : PACKAGE_FILES) {
            var installed = installation.resolve(file);
            if (!Files.exists(installed) || Files.mismatch(installed, resource(file)) != -1) {
                return false;
            }
        }
        return true;
    }

    private static void run(Path directory, Path log, long minutes, String... command)
            throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        finish(process, minutes, String.join(" ", command) + " (its output: " + log + ")");
    }

    private static void finish(Process process, long minutes, String what) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within " + minutes + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + process.exitValue());
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(AsyncApiParser.class.getResource(RESOURCES + name),
                    RESOURCES + name + " is not on the test class path").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
