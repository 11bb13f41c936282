package io.certpipe.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.certpipe.automation.AutomationContract;
import io.certpipe.common.event.BusAccess.Grant;
import io.certpipe.common.event.BusAccess.Match;
import io.certpipe.common.event.BusAccess.Operation;
import io.certpipe.common.event.BusAccess.ResourceType;
import org.junit.jupiter.api.Test;

class BusAccessTest {

    @Test
    void onlyIntakeWritesTheLifecycleTopic() {
        assertEquals(Set.of(Topics.INTAKE_SERVICE), writersOf(Topics.LIFECYCLE));
    }

    @Test
    void eachControllerAloneWritesItsAnswerTopic() {
        assertEquals(Set.of(Topics.APPROVAL_SERVICE), writersOf(Topics.APPROVAL_DECISIONS));
        assertEquals(Set.of(Topics.SIGNING_SERVICE), writersOf(Topics.SIGNING_RESULTS));
        assertEquals(Set.of(Topics.SIGNING_SERVICE), writersOf(Topics.SIGNERS));
        assertEquals(Set.of(Topics.GC_SERVICE), writersOf(Topics.GC_EXPIRATIONS));
    }

    @Test
    void eachServiceReadsExactlyTheInputsItParksDeadLettersFor() {
        assertEquals(Set.of(Topics.APPROVAL_DECISIONS, Topics.SIGNING_RESULTS, Topics.GC_EXPIRATIONS, Topics.SIGNERS,
                AutomationContract.REQUESTS_TOPIC_PREFIX), topicsRead(Topics.INTAKE_SERVICE));
        for (String controller : List.of(Topics.APPROVAL_SERVICE, Topics.SIGNING_SERVICE, Topics.GC_SERVICE)) {
            assertEquals(Set.of(Topics.LIFECYCLE), topicsRead(controller), controller);
        }
    }

    @Test
    void everyGrantNamesATopicCertpipeCreates() {
        Set<String> topics = Topics.all().stream().map(Topics.Topic::name).collect(Collectors.toSet());
        BusAccess.services().stream()
                .filter(grant -> grant.resourceType() == ResourceType.TOPIC && grant.match() == Match.LITERAL)
                .forEach(grant -> assertTrue(topics.contains(grant.resource()), grant.line()));
    }

    @Test
    void onlyIntakeReadsEveryClientsRequestsAndWritesEveryClientsReplies() {
        List<Grant> prefixed = BusAccess.services().stream()
                .filter(grant -> grant.resourceType() == ResourceType.TOPIC && grant.match() == Match.PREFIXED)
                .toList();
        assertEquals(List.of(
                new Grant(Topics.INTAKE_SERVICE, Operation.READ, ResourceType.TOPIC, Match.PREFIXED,
                        AutomationContract.REQUESTS_TOPIC_PREFIX),
                new Grant(Topics.INTAKE_SERVICE, Operation.WRITE, ResourceType.TOPIC, Match.PREFIXED,
                        AutomationContract.REPLIES_TOPIC_PREFIX)), prefixed);
    }

    @Test
    void anAutomationClientWritesOnlyItsRequestsAndReadsOnlyItsReplies() {
        assertEquals(List.of(
                new Grant("automation.ci", Operation.WRITE, ResourceType.TOPIC, Match.LITERAL,
                        "certpipe.automation.requests.v1.ci"),
                new Grant("automation.ci", Operation.READ, ResourceType.TOPIC, Match.LITERAL,
                        "certpipe.automation.replies.v1.ci"),
                new Grant("automation.ci", Operation.READ, ResourceType.GROUP, Match.PREFIXED, "automation.ci.")),
                BusAccess.automationClient("ci"));
        assertTrue(AutomationContract.consumerGroup("ci").startsWith("automation.ci."));
        assertFalse(AutomationContract.consumerGroup("cid").startsWith("automation.ci."));
    }

    @Test
    void theClientsTopicsAreCreatedByName() {
        assertEquals(List.of("certpipe.automation.requests.v1.ci", "certpipe.automation.replies.v1.ci"),
                Topics.automationClient("ci").stream().map(Topics.Topic::name).toList());
        assertFalse(Topics.AUTOMATION_REQUESTS_DLQ_INTAKE.matches(AutomationContract.requestsTopicPattern()),
                "intake's pattern subscription must not read its own dead-letter topic");
        assertTrue("certpipe.automation.requests.v1.ci".matches(AutomationContract.requestsTopicPattern()));
    }

    @Test
    void everyServiceMayUseOnlyConsumerGroupsNamedAfterItself() {
        BusAccess.services().stream()
                .filter(grant -> grant.resourceType() == ResourceType.GROUP)
                .forEach(grant -> assertEquals(grant.principal(), grant.resource(), grant.line()));
    }

    @Test
    void anAuditorReadsTheLifecycleTopicAndWritesNothing() {
        List<Grant> grants = BusAccess.auditor("siem");
        assertFalse(grants.stream().anyMatch(grant -> grant.operation() == Operation.WRITE));
        assertTrue(grants.contains(new Grant("auditor.siem", Operation.READ, ResourceType.TOPIC, Match.LITERAL,
                Topics.LIFECYCLE)));
        assertTrue(BusAccess.auditorGroup("siem").startsWith("auditor.siem."));
    }

    @Test
    void oneAuditorsGroupsAreNotAnothersWhoseNameItPrefixes() {
        Grant groups = BusAccess.auditor("a").stream()
                .filter(grant -> grant.resourceType() == ResourceType.GROUP)
                .findFirst()
                .orElseThrow();
        assertFalse(BusAccess.auditorGroup("ab").startsWith(groups.resource()));
    }

    @Test
    void refusesAnAuditorNameThatIsNoDnsLabel() {
        for (String name : List.of("", "Upper", "with space", "dot.ted", "-leading", "a".repeat(64))) {
            assertThrows(IllegalArgumentException.class, () -> BusAccess.auditor(name), name);
        }
    }

    private static Set<String> topicsRead(String service) {
        return BusAccess.services().stream()
                .filter(grant -> grant.principal().equals(service) && grant.operation() == Operation.READ
                        && grant.resourceType() == ResourceType.TOPIC)
                .map(Grant::resource)
                .collect(Collectors.toSet());
    }

    private static Set<String> writersOf(String topic) {
        return BusAccess.services().stream()
                .filter(grant -> grant.operation() == Operation.WRITE && grant.resource().equals(topic))
                .map(Grant::principal)
                .collect(Collectors.toSet());
    }
}
