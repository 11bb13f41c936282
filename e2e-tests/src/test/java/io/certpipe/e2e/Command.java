package io.certpipe.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs a real program (kubectl, openssl, the certpipe script) and captures what it printed. */
final class Command {

    /**
     * Reads the programs' output, one virtual thread per stream: the common pool may have a single thread on a small
     * machine, and a stream of a program left running would hold it for good.
     */
    private static final ExecutorService STREAM_READERS = Executors.newVirtualThreadPerTaskExecutor();

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

    /**
     * A program left running (a {@code kubectl get -w}) whose output is read line by line while it runs. Closing it
     * kills the program.
     */
    static final class Running implements AutoCloseable {

        private final String command;
        private final Process process;
        private final List<String> stdoutLines = new ArrayList<>();
        private final CompletableFuture<String> stderr;

        private Running(String command, Process process) {
            this.command = command;
            this.process = process;
            this.stderr = drain(process.getErrorStream());
            Thread.ofVirtual().name("stdout of " + command).start(this::collectStdout);
        }

        /** Waits until the program printed a line matching {@code line}, and returns that line. */
        String awaitLine(String what, Predicate<String> line) {
            return Poll.until(what + " in the output of " + command + " (so far: " + stdoutLines() + ", stderr: "
                    + (stderr.isDone() ? stderr.join() : "still open") + ")",
                    () -> stdoutLines().stream().filter(line).findFirst());
        }

        /** The lines the program has printed so far. */
        synchronized List<String> stdoutLines() {
            return List.copyOf(stdoutLines);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        private void collectStdout() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (this) {
                        stdoutLines.add(line);
                    }
                }
            } catch (IOException e) {
                // The program was killed while a line was being read: what was collected stays.
            }
        }
    }

    private Command() {
    }

    /** Starts {@code argv} with extra environment {@code env} and returns at once; stdin is closed. */
    static Running start(List<String> argv, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new Running(String.join(" ", argv), process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
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
        }, STREAM_READERS);
    }
}
