package io.certpipe.common.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Real SoftHSM2 tokens for tests, created once per test JVM in a fresh directory under {@code target/}. SoftHSM2 reads
 * its configuration ({@code SOFTHSM2_CONF}, which surefire points at {@code target/softhsm2.conf}) and finds its tokens
 * when the library is first initialised in a process, never later; so every token a test may use is created here
 * before any test opens one. Tests call {@link #settings} first and are skipped only where the SoftHSM2 library is
 * not installed ({@code .ci/run} and {@code ./certpipe test} install it, so CI never skips them).
 */
public final class SoftHsm {

    /** The tokens tests may use. */
    public enum TestToken {
        /** Holds the CA keys tests create; each test keeps to labels of its own cluster ({@link #uniqueCluster}). */
        CA_KEYS("certpipe-test-ca-keys"),
        /**
         * Never logged in to with the right PIN. A PKCS#11 login is per process and token, and SunPKCS11 skips the
         * login of a token that is already logged in: a wrong PIN is only refused on a token nobody opened.
         */
        NEVER_LOGGED_IN("certpipe-test-never-logged-in");

        private final String label;

        TestToken(String label) {
            this.label = label;
        }
    }

    public static final String PIN = "417-certpipe-test";
    private static final String SO_PIN = "417-certpipe-test-so";
    private static final List<Path> LIBRARY_LOCATIONS = Stream.of(
            "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib64/pkcs11/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so").map(Path::of).toList();
    private static final Pattern ASSIGNED_SLOT = Pattern.compile("reassigned to slot (\\d+)");
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private static Map<TestToken, Integer> slots;

    private SoftHsm() {
    }

    /** The installed SoftHSM2 library; the calling test is skipped when there is none. */
    public static Path library() {
        Optional<Path> library = LIBRARY_LOCATIONS.stream().filter(Files::isReadable).findFirst();
        Assumptions.assumeTrue(library.isPresent(), "the SoftHSM2 library is not installed (apt-get install softhsm2)");
        return library.get();
    }

    /** How to open {@code token} with the right PIN. */
    public static Pkcs11Settings settings(TestToken token) {
        return settings(token, PIN);
    }

    /** How to open {@code token} with {@code pin}. */
    public static Pkcs11Settings settings(TestToken token, String pin) {
        Path library = library();
        return new Pkcs11Settings(library, OptionalInt.of(slotOf(token, library)), OptionalInt.empty(),
                Optional.of(pin), Optional.empty());
    }

    /** The slot id SoftHSM2 gave {@code token}. */
    public static int slotOf(TestToken token) {
        return slotOf(token, library());
    }

    /** A cluster name no other test uses, so that the token labels of each test are its own. */
    public static String uniqueCluster() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * What {@code pkcs11-tool} (OpenSC, a PKCS#11 client independent of Java) lists of {@code token}'s private keys,
     * with their access flags as the token reports them.
     */
    public static String privateKeyObjects(TestToken token) {
        Path library = library();
        return run(List.of("pkcs11-tool", "--module", library.toString(), "--slot",
                Integer.toString(slotOf(token, library)), "--login", "--pin", PIN, "--list-objects", "--type",
                "privkey"));
    }

    private static synchronized int slotOf(TestToken token, Path library) {
        if (slots == null) {
            slots = createTokens(library);
        }
        return slots.get(token);
    }

    private static Map<TestToken, Integer> createTokens(Path library) {
        String configuration = System.getenv("SOFTHSM2_CONF");
        if (configuration == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven, whose surefire "
                    + "configuration points it at target/softhsm2.conf");
        }
        try {
            Path configurationFile = Path.of(configuration).toAbsolutePath();
            Files.createDirectories(configurationFile.getParent());
            Path tokenDirectory = Files.createTempDirectory(configurationFile.getParent(), "softhsm-tokens-");
            Files.writeString(configurationFile, "directories.tokendir = " + tokenDirectory + "\n"
                    + "objectstore.backend = file\nlog.level = ERROR\n", StandardCharsets.UTF_8);
            Map<TestToken, Integer> created = new EnumMap<>(TestToken.class);
            for (TestToken token : TestToken.values()) {
                String output = run(List.of("softhsm2-util", "--module", library.toString(), "--init-token",
                        "--free", "--label", token.label, "--so-pin", SO_PIN, "--pin", PIN));
                Matcher slot = ASSIGNED_SLOT.matcher(output);
                if (!slot.find()) {
                    throw new IllegalStateException("softhsm2-util did not say where token " + token.label
                            + " went:\n" + output);
                }
                created.put(token, Integer.parseInt(slot.group(1)));
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (apt-get install softhsm2 opensc)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
