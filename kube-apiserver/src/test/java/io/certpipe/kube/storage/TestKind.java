package io.certpipe.kube.storage;

import java.util.List;
import java.util.Map;

import io.certpipe.kube.GroupResource;
import io.certpipe.kube.Table;

/** A stored kind for the watch machinery's tests: items with a name, labels and a resourceVersion. */
record TestKind(String resource) implements StoredKind<TestKind.Item> {

    static final TestKind WIDGETS = new TestKind("widgets");
    static final TestKind GADGETS = new TestKind("gadgets");

    record Item(String name, long resourceVersion, Map<String, String> labels) {
    }

    @Override
    public GroupResource groupResource() {
        return new GroupResource("example.com", resource);
    }

    @Override
    public String encode(Item object) {
        return object.name() + "@" + object.resourceVersion();
    }

    @Override
    public Item decode(String stored) {
        String[] parts = stored.split("@");
        return new Item(parts[0], Long.parseLong(parts[1]), Map.of());
    }

    @Override
    public long resourceVersionOf(Item object) {
        return object.resourceVersion();
    }

    @Override
    public Item withResourceVersion(Item object, long resourceVersion) {
        return new Item(object.name(), resourceVersion, object.labels());
    }

    Change<Item> modified(long revision) {
        return new Change<>(this, WatchType.MODIFIED, new Item("a", revision, Map.of()),
                new Item("a", revision - 1, Map.of()));
    }

    /** How the stream shows items: a small object on the wire, a one-column table. */
    WatchStream.Presentation<Item> presentation() {
        return new WatchStream.Presentation<>(this, "Widget", "example.com/v1",
                item -> Map.of("kind", "Widget", "metadata", Map.of("name", item.name(),
                        "resourceVersion", String.valueOf(item.resourceVersion()))),
                (item, revision, now, include) -> Table.of(revision, COLUMNS,
                        List.of(new Table.Row(List.of(item.name()), null))));
    }

    static final List<Table.Column> COLUMNS = List.of(new Table.Column("Name", "string", "name", "", 0));
}
