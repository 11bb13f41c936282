package io.certpipe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class ApplyAclsTest {

    @Test
    void readsABusAccessLineAsAnAllowAclForTheUserPrincipal() {
        AclBinding binding = ApplyAcls.parse("signing-service write topic literal certpipe.signing.results.v1");
        assertEquals("User:signing-service", binding.entry().principal());
        assertEquals(AclOperation.WRITE, binding.entry().operation());
        assertEquals(AclPermissionType.ALLOW, binding.entry().permissionType());
        assertEquals(ResourceType.TOPIC, binding.pattern().resourceType());
        assertEquals(PatternType.LITERAL, binding.pattern().patternType());
        assertEquals("certpipe.signing.results.v1", binding.pattern().name());
    }

    @Test
    void readsAPrefixedGroupGrant() {
        AclBinding binding = ApplyAcls.parse("auditor.siem read group prefixed auditor.siem.");
        assertEquals(ResourceType.GROUP, binding.pattern().resourceType());
        assertEquals(PatternType.PREFIXED, binding.pattern().patternType());
    }

    @Test
    void refusesALineThatIsNoGrant() {
        assertThrows(IllegalArgumentException.class, () -> ApplyAcls.parse("intake-service write"));
    }
}
