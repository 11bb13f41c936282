package io.certpipe.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real program (kubectl, openssl, the certpipe script) and captures what it printed. */
final class Command {

    record Result(String command, int exitCode, String stdout, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }

        Result requireSuccess(String what) {
            if (!succeeded()) {
                throw new AssertionError(what + " exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private Command() {
    }

    /** Runs {@code argv} with extra environment {@code env}, feeding {@code stdin} when not null. */
    static Result run(List<String> argv, Map<String, String> env, Duration timeout, byte[] stdin) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        String shown = String.join(" ", argv);
        try {
            Process process = builder.start();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            try (OutputStream input = process.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin);
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(shown + " did not finish within " + timeout);
            }
            return new Result(shown, process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + shown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + shown, e);
        }
    }

    static Result run(List<String> argv) {
        return run(argv, Map.of(), Duration.ofMinutes(1), null);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
