package io.certpipe.common.event.signature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.certpipe.common.event.Topics;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Creates, lists, rotates and retires the services' event keys in a certpipe home ({@link EventKeyLayout}), with the
 * JDK alone: {@code java -cp common.jar io.certpipe.common.event.signature.EventKeysTool COMMAND HOME ...}; with
 * {@code --token-for SERVICE} last, that service's keys are made in the PKCS#11 token {@code certpipe.events.token.*}
 * names ({@link TokenEventKeys}; Bouncy Castle and SmallRye Config on the class path, as the admin tool has them).
 * The launcher runs {@code ensure} on every {@code up} and exposes the rest as {@code ./certpipe event-keys}. Running
 * services pick every change up without a restart: verifiers read the trusted directory again within seconds, signers
 * notice their key file (or token key pointer) was replaced.
 */
public final class EventKeysTool {

    private static final String USAGE = """
            usage: EventKeysTool ensure HOME                a key for every publishing service that has none
                   EventKeysTool list HOME                  each service's trusted key ids, and the one it signs with
                   EventKeysTool rotate HOME SERVICE        a new key for SERVICE; its old keys stay trusted
                   EventKeysTool retire HOME SERVICE KEYID  stop trusting an old key of SERVICE
                   ... --token-for SERVICE                  SERVICE's keys in the token of certpipe.events.token.*""";
    private static final String TOKEN_FOR = "--token-for";
    private static final String TOKEN_SETTINGS = "certpipe.events.token";

    private final EventKeyLayout layout;
    /** The service whose keys are in a token, and that token. */
    private final Optional<String> tokenService;
    private final Optional<TokenEventKeys> token;

    private EventKeysTool(Path home, Optional<String> tokenService) {
        this.layout = new EventKeyLayout(home);
        this.tokenService = tokenService;
        this.token = tokenService.map(service -> TokenEventKeys.open(tokenSettings()));
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("event-keys: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException | IllegalStateException e) {
            System.err.println("event-keys: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String... arguments) throws IOException {
        Optional<String> tokenService = Optional.empty();
        String[] args = arguments;
        if (args.length >= 2 && args[args.length - 2].equals(TOKEN_FOR)) {
            tokenService = Optional.of(publisher(args[args.length - 1]));
            args = Arrays.copyOf(args, args.length - 2);
        }
        if (args.length < 2) {
            throw new IllegalArgumentException("a command and a home are required");
        }
        EventKeysTool tool = new EventKeysTool(Path.of(args[1]), tokenService);
        switch (args[0]) {
            case "ensure" -> {
                arguments(args, 2);
                tool.ensure();
            }
            case "list" -> {
                arguments(args, 2);
                tool.list();
            }
            case "rotate" -> {
                arguments(args, 3);
                tool.rotate(publisher(args[2]));
            }
            case "retire" -> {
                arguments(args, 4);
                tool.retire(publisher(args[2]), args[3]);
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Gives every publishing service a signing key if it has none, and makes sure its public key is trusted. */
    void ensure() throws IOException {
        for (String service : Topics.publishers()) {
            Optional<KeyPair> current = current(service);
            if (current.isPresent()) {
                trust(service, current.get());
            } else {
                KeyPair pair = newKey(service);
                trust(service, pair);
                makeCurrent(service, pair);
                System.out.println(service + ": new event key " + EventSignature.keyIdOf(pair.getPublic())
                        + (inToken(service) ? " in the token" : ""));
            }
        }
    }

    void list() throws IOException {
        for (String service : Topics.publishers()) {
            Optional<String> current = currentKeyId(service);
            System.out.println(service + ": signs with " + current.orElse("no key (run ensure)"));
            for (String keyId : trustedKeyIds(service)) {
                System.out.println("  " + keyId + (current.filter(keyId::equals).isPresent() ? "  current" : ""));
            }
        }
    }

    /**
     * A new key for {@code service}: its public key is trusted first, then the private key file is replaced in one
     * rename, so no record is ever signed with a key that verifiers cannot find.
     */
    void rotate(String service) throws IOException {
        Optional<String> previous = currentKeyId(service);
        KeyPair pair = newKey(service);
        trust(service, pair);
        makeCurrent(service, pair);
        System.out.println(service + ": now signs with " + EventSignature.keyIdOf(pair.getPublic())
                + previous.map(old -> "; " + old + " stays trusted until retired").orElse(""));
    }

    /** Stops trusting {@code keyId} of {@code service}; never the key it signs with now. */
    void retire(String service, String keyId) throws IOException {
        if (!EventSignature.isKeyId(keyId)) {
            throw new IllegalArgumentException(keyId + " is no key id (16 lowercase hex digits)");
        }
        if (currentKeyId(service).filter(keyId::equals).isPresent()) {
            throw new IllegalStateException(keyId + " is the key " + service + " signs with now: rotate first");
        }
        Path file = EventKeyLayout.trustedKey(layout.trustedKeys(), service, keyId);
        if (!Files.exists(file)) {
            throw new IllegalStateException(service + " has no trusted key " + keyId);
        }
        // Kept apart rather than deleted: what it signed while it was current stays verifiable by auditors.
        Path retired = EventKeyLayout.trustedKey(layout.retiredKeys(), service, keyId);
        Files.createDirectories(retired.getParent());
        Files.move(file, retired, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println(service + ": key " + keyId + " retired; records signed with it are refused from now on"
                + " (its public key stays in " + layout.retiredKeys() + " for audits)");
    }

    private void trust(String service, KeyPair pair) throws IOException {
        Path published = EventKeyLayout.trustedKey(layout.trustedKeys(), service,
                EventSignature.keyIdOf(pair.getPublic()));
        if (!Files.exists(published)) {
            EventKeyFiles.writePublicKey(published, pair.getPublic());
        }
    }

    /** The key id {@code service} signs with now, read from its pointer or key file without opening any token. */
    private Optional<String> currentKeyId(String service) throws IOException {
        Path pointer = layout.tokenKey(service);
        if (Files.exists(pointer)) {
            return Optional.of(EventKeyFiles.readKeyIdPointer(pointer));
        }
        Path signingKey = layout.signingKey(service);
        if (!Files.exists(signingKey)) {
            return Optional.empty();
        }
        return Optional.of(EventSignature.keyIdOf(EventKeyFiles.readSigningKey(signingKey).getPublic()));
    }

    private boolean inToken(String service) {
        return tokenService.filter(service::equals).isPresent();
    }

    private Optional<KeyPair> current(String service) throws IOException {
        Path current = inToken(service) ? layout.tokenKey(service) : layout.signingKey(service);
        if (!Files.exists(current)) {
            return Optional.empty();
        }
        return Optional.of(inToken(service) ? token.orElseThrow().readCurrent(current, service)
                : EventKeyFiles.readSigningKey(current));
    }

    /** A new key for {@code service}, not signed with yet. */
    private KeyPair newKey(String service) throws IOException {
        return inToken(service) ? token.orElseThrow().generate(service) : EventKeyFiles.newKeyPair();
    }

    /** Makes {@code pair} the key {@code service} signs with: one rename, noticed by the running service. */
    private void makeCurrent(String service, KeyPair pair) throws IOException {
        if (inToken(service)) {
            EventKeyFiles.writeKeyIdPointer(layout.tokenKey(service), EventSignature.keyIdOf(pair.getPublic()));
        } else {
            EventKeyFiles.writeSigningKey(layout.signingKey(service), pair);
        }
    }

    /** The token settings ({@code certpipe.events.token.*}) as a service reads them, from the environment. */
    private static EventKeysConfig.Token tokenSettings() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources()
                .withMapping(EventKeysConfig.Token.class, TOKEN_SETTINGS).build();
        if (config.getOptionalValue(TOKEN_SETTINGS + ".library", String.class).isEmpty()) {
            throw new IllegalArgumentException(TOKEN_FOR + " needs the token's settings: CERTPIPE_EVENTS_TOKEN_LIBRARY,"
                    + " CERTPIPE_EVENTS_TOKEN_SLOT and CERTPIPE_EVENTS_TOKEN_PIN_FILE");
        }
        return config.getConfigMapping(EventKeysConfig.Token.class, TOKEN_SETTINGS);
    }

    private List<String> trustedKeyIds(String service) throws IOException {
        Path directory = layout.trustedKeys().resolve(service);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(EventKeyLayout.PEM_SUFFIX))
                    .map(name -> name.substring(0, name.length() - EventKeyLayout.PEM_SUFFIX.length()))
                    .sorted()
                    .toList();
        }
    }

    private static String publisher(String service) {
        if (!Topics.publishers().contains(service)) {
            throw new IllegalArgumentException(service + " publishes no events; the publishers are "
                    + String.join(", ", Topics.publishers()));
        }
        return service;
    }

    private static void arguments(String[] args, int count) {
        if (args.length != count) {
            throw new IllegalArgumentException(args[0] + " takes " + (count - 1) + " argument(s)");
        }
    }
}
