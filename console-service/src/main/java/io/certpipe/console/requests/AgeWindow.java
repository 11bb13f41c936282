package io.certpipe.console.requests;

import java.time.Duration;
import java.util.Arrays;

/** The age filter of the request list: requests created within the last hour, day, week or month, or any. */
public enum AgeWindow {
    ANY("", "any age", null),
    HOUR("1h", "last hour", Duration.ofHours(1)),
    DAY("24h", "last 24 hours", Duration.ofDays(1)),
    WEEK("7d", "last 7 days", Duration.ofDays(7)),
    MONTH("30d", "last 30 days", Duration.ofDays(30));

    private final String parameter;
    private final String label;
    private final Duration length;

    AgeWindow(String parameter, String label, Duration length) {
        this.parameter = parameter;
        this.label = label;
        this.length = length;
    }

    /** The window a query parameter names; anything else is no filter at all. */
    public static AgeWindow of(String parameter) {
        return Arrays.stream(values()).filter(window -> window.parameter.equals(parameter)).findFirst().orElse(ANY);
    }

    /** Its value in the page's query string ({@code age=24h}). */
    public String parameter() {
        return parameter;
    }

    public String label() {
        return label;
    }

    boolean admits(Duration age) {
        return length == null || age.compareTo(length) <= 0;
    }
}
