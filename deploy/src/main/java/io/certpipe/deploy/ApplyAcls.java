package io.certpipe.deploy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Makes the broker's ACLs of some principals exactly the grants read from standard input (common's {@code BusAccess}
 * lines: {@code <principal> <operation> <resource type> <match> <resource>}): {@code grant} adds the missing ones and
 * removes any other ACL of those principals, so an ACL dropped from {@code BusAccess} is dropped from the broker too;
 * {@code revoke} removes every ACL of those principals. Running it again changes nothing. Usage:
 * {@code ApplyAcls <client.properties> grant|revoke} (the bus administrator's file).
 */
public final class ApplyAcls {

    private static final long TIMEOUT_SECONDS = 60;
    private static final String ANY_HOST = "*";

    private ApplyAcls() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !Set.of("grant", "revoke").contains(args[1])) {
            System.err.println("usage: ApplyAcls <client.properties> grant|revoke  (BusAccess lines on stdin)");
            System.exit(2);
        }
        List<AclBinding> wanted = readGrants();
        Set<String> principals = wanted.stream().map(binding -> binding.entry().principal())
                .collect(Collectors.toSet());
        try (Admin admin = Admin.create(ClientProperties.load(args[0]))) {
            Collection<AclBinding> existing = existingAcls(admin, principals);
            List<AclBinding> toRemove = args[1].equals("grant")
                    ? existing.stream().filter(binding -> !wanted.contains(binding)).toList()
                    : List.copyOf(existing);
            if (!toRemove.isEmpty()) {
                admin.deleteAcls(toRemove.stream().map(AclBinding::toFilter).toList())
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                toRemove.forEach(binding -> System.out.println("removed ACL " + describe(binding)));
            }
            if (args[1].equals("grant")) {
                List<AclBinding> missing = wanted.stream().filter(binding -> !existing.contains(binding)).toList();
                if (!missing.isEmpty()) {
                    admin.createAcls(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    missing.forEach(binding -> System.out.println("added ACL " + describe(binding)));
                }
            }
        } catch (ExecutionException e) {
            System.err.println("applying the bus ACLs failed: " + e.getCause());
            System.exit(1);
        }
    }

    private static List<AclBinding> readGrants() throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            return in.lines().filter(line -> !line.isBlank()).map(ApplyAcls::parse).toList();
        }
    }

    /** One {@code BusAccess} line as the broker's ACL: allowed from any host. */
    static AclBinding parse(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length != 5) {
            throw new IllegalArgumentException("not a grant (principal operation type match resource): " + line);
        }
        ResourcePattern pattern = new ResourcePattern(ResourceType.valueOf(upper(fields[2])), fields[4],
                PatternType.valueOf(upper(fields[3])));
        AccessControlEntry entry = new AccessControlEntry("User:" + fields[0], ANY_HOST,
                AclOperation.valueOf(upper(fields[1])), AclPermissionType.ALLOW);
        return new AclBinding(pattern, entry);
    }

    private static Collection<AclBinding> existingAcls(Admin admin, Set<String> principals) throws Exception {
        List<AclBinding> found = new java.util.ArrayList<>();
        for (String principal : principals) {
            AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
            found.addAll(admin.describeAcls(filter).values().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return found;
    }

    private static String describe(AclBinding binding) {
        return binding.entry().principal() + " " + binding.entry().operation() + " "
                + binding.pattern().resourceType() + " " + binding.pattern().patternType() + " "
                + binding.pattern().name();
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
