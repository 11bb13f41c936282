package io.certpipe.common.event.signature;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The public keys consumers trust, read from the trusted directory ({@link EventKeyLayout#trustedKeys()}): each
 * {@code <service>/<keyId>.pem} is a key that speaks for that service. When a record names a key id not read yet, the
 * directory is read again if it changed since (the modification times of it and of its service folders, which adding
 * a key file changes): a rotation publishes the new public key before the new key signs, so its first record always
 * finds it, while a flood of forged key ids costs a few file-system stats each. The directory is also read on the first
 * use after {@code refreshInterval}, so a retired key stops verifying within that time. Reading is lazy, on the
 * consumer's thread: a listing of a handful of small files, no more often than that.
 */
public final class TrustedKeys {

    private static final Logger LOG = Logger.getLogger(TrustedKeys.class);

    /** A public key and the service it speaks for. */
    public record TrustedKey(String service, String keyId, PublicKey key) {
    }

    private final List<Path> directories;
    private final Duration refreshInterval;
    private final Clock clock;
    private volatile Map<String, TrustedKey> byKeyId;
    private volatile Instant loadedAt;
    private volatile List<FileTime> loadedStamp;

    public TrustedKeys(Path directory, Duration refreshInterval, Clock clock) {
        this(List.of(directory), refreshInterval, clock);
    }

    /**
     * The keys of several directories of that layout together: an auditor checks history with the trusted keys and
     * the retired ones ({@link EventKeyLayout#retiredKeys()}), which signed while they were current.
     */
    public TrustedKeys(List<Path> directories, Duration refreshInterval, Clock clock) {
        this.directories = List.copyOf(directories);
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        reload();
    }

    /** The trusted key {@code keyId}, reading the directory again first if it is due or the id is new. */
    public Optional<TrustedKey> find(String keyId) {
        Instant now = clock.instant();
        if (!now.isBefore(loadedAt.plus(refreshInterval))) {
            reload();
        }
        TrustedKey found = byKeyId.get(keyId);
        if (found == null && !stamp().equals(loadedStamp)) {
            reload();
            found = byKeyId.get(keyId);
        }
        return Optional.ofNullable(found);
    }

    /** Every trusted key, by service then key id, reading the directory again first if it is due. */
    public List<TrustedKey> current() {
        if (!clock.instant().isBefore(loadedAt.plus(refreshInterval))) {
            reload();
        }
        return all();
    }

    /** Every trusted key, by service then key id, as read last. */
    public List<TrustedKey> all() {
        return byKeyId.values().stream()
                .sorted(Comparator.comparing(TrustedKey::service).thenComparing(TrustedKey::keyId))
                .toList();
    }

    private synchronized void reload() {
        // Stamped before reading, so a key added while reading makes the next unknown key id read again.
        List<FileTime> stamp = stamp();
        Map<String, TrustedKey> read = new HashMap<>();
        for (Path directory : directories) {
            try (DirectoryStream<Path> services = Files.newDirectoryStream(directory, Files::isDirectory)) {
                for (Path service : services) {
                    readService(service, read);
                }
            } catch (NoSuchFileException e) {
                LOG.errorf("no event keys directory %s: no record signed with a key of it verifies", directory);
            } catch (IOException e) {
                LOG.errorf("cannot read the event keys in %s, keeping the %d keys read before: %s", directory,
                        byKeyId == null ? 0 : byKeyId.size(), e.getMessage());
                if (byKeyId != null) {
                    read = new HashMap<>(byKeyId);
                }
            }
        }
        byKeyId = Map.copyOf(read);
        loadedAt = clock.instant();
        loadedStamp = stamp;
    }

    /** The modification times of the directories and their service folders, in name order. */
    private List<FileTime> stamp() {
        List<FileTime> stamp = new ArrayList<>();
        for (Path directory : directories) {
            try (DirectoryStream<Path> services = Files.newDirectoryStream(directory, Files::isDirectory)) {
                stamp.add(Files.getLastModifiedTime(directory));
                List<Path> folders = new ArrayList<>();
                services.forEach(folders::add);
                folders.sort(Comparator.naturalOrder());
                for (Path folder : folders) {
                    stamp.add(Files.getLastModifiedTime(folder));
                }
            } catch (IOException e) {
                stamp.add(FileTime.fromMillis(0));
            }
        }
        return stamp;
    }

    private static void readService(Path serviceDirectory, Map<String, TrustedKey> read) throws IOException {
        String service = serviceDirectory.getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(serviceDirectory,
                "*" + EventKeyLayout.PEM_SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String named = fileName.substring(0, fileName.length() - EventKeyLayout.PEM_SUFFIX.length());
                try {
                    PublicKey key = EventKeyFiles.readPublicKey(file);
                    String keyId = EventSignature.keyIdOf(key);
                    if (keyId.equals(named)) {
                        read.put(keyId, new TrustedKey(service, keyId, key));
                    } else {
                        // A file named for another key would let one key pass for another in every log line.
                        LOG.errorf("ignoring trusted event key %s: it holds key id %s", file, keyId);
                    }
                } catch (IOException e) {
                    LOG.errorf("ignoring trusted event key %s: %s", file, e.getMessage());
                }
            }
        }
    }
}
