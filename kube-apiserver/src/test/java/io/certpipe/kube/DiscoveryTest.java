package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private static final ApiResource WIDGETS = new ApiResource("example.com", "v1", "Widget", "widgets", "widget",
            List.of("wd"), List.of(Verbs.LIST, Verbs.GET, Verbs.CREATE), false,
            List.of(new ApiResource.Subresource("status", List.of(Verbs.UPDATE, Verbs.GET))), true);
    private static final ApiResource OLD_WIDGETS = new ApiResource("example.com", "v1beta1", "Widget", "widgets",
            "widget", List.of(), List.of(Verbs.GET), false, List.of(), false);
    private static final ApiResource EVENTS = new ApiResource("", "v1", "Event", "events", "event", List.of("ev"),
            List.of(Verbs.LIST), true, List.of(), false);
    private static final Discovery DISCOVERY = new Discovery(List.of(EVENTS, WIDGETS, OLD_WIDGETS));

    @Test
    void aGroupsFirstDeclaredVersionIsItsPreferredOne() {
        Map<String, Object> group = DISCOVERY.group("example.com");

        assertEquals(Map.of("groupVersion", "example.com/v1", "version", "v1"), group.get("preferredVersion"));
        assertEquals(2, ((List<?>) group.get("versions")).size());
        assertNull(DISCOVERY.group("unknown.example.com"));
    }

    @Test
    void aResourceListNamesEachResourceThenItsSubresourcesWithSortedVerbs() {
        List<?> resources = (List<?>) DISCOVERY.resourceList("example.com/v1").get("resources");

        assertEquals(List.of("widgets", "widgets/status"), resources.stream()
                .map(resource -> ((Map<?, ?>) resource).get("name")).toList());
        Map<?, ?> widgets = (Map<?, ?>) resources.getFirst();
        assertEquals(List.of("create", "get", "list"), widgets.get("verbs"));
        assertEquals(List.of("wd"), widgets.get("shortNames"));
        assertEquals(List.of("get", "update"), ((Map<?, ?>) resources.get(1)).get("verbs"));
    }

    @Test
    void theCoreListCarriesNoApiVersionAndIsNotAGroup() {
        Map<String, Object> core = DISCOVERY.resourceList("v1");

        assertFalse(core.containsKey("apiVersion"));
        assertEquals("v1", core.get("groupVersion"));
        assertEquals(List.of("example.com"), ((List<?>) DISCOVERY.groupList().get("groups")).stream()
                .map(group -> ((Map<?, ?>) group).get("name")).toList());
    }
}
