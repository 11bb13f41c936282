package io.certpipe.kube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legacy discovery ({@code APIGroupList}, {@code APIGroup}, {@code APIResourceList}) made from the declared resources,
 * so a resource appears in discovery exactly when it is declared. Groups and versions keep the order of first
 * declaration; a group's first version is its preferred one.
 */
public final class Discovery {

    private final List<ApiResource> resources;

    public Discovery(List<ApiResource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Every group-version served, in declaration order, the core group's ("v1") among them. */
    public List<String> groupVersions() {
        return resources.stream().map(ApiResource::groupVersion).distinct().toList();
    }

    /** The {@code APIGroupList} of {@code /apis}: every named group. */
    public Map<String, Object> groupList() {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        list.put("groups", groups().stream().map(this::groupBody).toList());
        return list;
    }

    /** The {@code APIGroup} of {@code /apis/<group>}, or null when no resource of the group is declared. */
    public Map<String, Object> group(String name) {
        if (!groups().contains(name)) {
            return null;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "APIGroup");
        document.put("apiVersion", "v1");
        document.putAll(groupBody(name));
        return document;
    }

    /**
     * The {@code APIResourceList} of a group-version ({@code v1} for the core group), each resource followed by its
     * subresources, sorted by name as kube-apiserver sorts them; null when none is declared.
     */
    public Map<String, Object> resourceList(String groupVersion) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ApiResource resource : resources) {
            if (resource.groupVersion().equals(groupVersion)) {
                entries.add(entry(resource, resource.plural(), resource.singular(), resource.verbs(),
                        resource.shortNames()));
                for (ApiResource.Subresource subresource : resource.subresources()) {
                    entries.add(entry(resource, resource.plural() + "/" + subresource.name(), "",
                            subresource.verbs(), List.of()));
                }
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        entries.sort(Comparator.comparing(entry -> (String) entry.get("name")));
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIResourceList");
        if (groupVersion.contains("/")) {
            // kube-apiserver's core list carries no apiVersion, the groups' do.
            list.put("apiVersion", "v1");
        }
        list.put("groupVersion", groupVersion);
        list.put("resources", entries);
        return list;
    }

    private List<String> groups() {
        return resources.stream().map(ApiResource::group).filter(group -> !group.isEmpty()).distinct().toList();
    }

    private Map<String, Object> groupBody(String name) {
        List<Map<String, String>> versions = resources.stream()
                .filter(resource -> resource.group().equals(name))
                .map(ApiResource::version).distinct()
                .map(version -> Map.of("groupVersion", name + "/" + version, "version", version))
                .toList();
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("versions", versions);
        group.put("preferredVersion", versions.getFirst());
        return group;
    }

    private static Map<String, Object> entry(ApiResource resource, String name, String singular, List<String> verbs,
            List<String> shortNames) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("singularName", singular);
        entry.put("namespaced", resource.namespaced());
        entry.put("kind", resource.kind());
        entry.put("verbs", verbs.stream().sorted().toList());
        if (!shortNames.isEmpty()) {
            entry.put("shortNames", shortNames);
        }
        return entry;
    }
}
