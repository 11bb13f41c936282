package io.certpipe.e2e;

/** The lines of {@code kubectl get KIND --watch --output-watch-events}: the event type, then the table's row. */
final class WatchEvents {

    private WatchEvents() {
    }

    /** Whether {@code line} is the row of a {@code type} event of the object {@code name}. */
    static boolean is(String line, String type, String name) {
        String[] cells = line.trim().split("\\s+");
        return cells.length > 1 && cells[0].equals(type) && cells[1].equals(name);
    }
}
