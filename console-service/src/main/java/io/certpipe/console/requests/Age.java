package io.certpipe.console.requests;

import java.time.Duration;
import java.time.Instant;

/**
 * How old something is, in the one unit that reads at a glance ({@code 40s}, {@code 12m}, {@code 5h}, {@code 3d}):
 * coarser than kubectl's AGE column on purpose, since the page also gives the exact time.
 */
public final class Age {

    private static final Duration TWO_DAYS = Duration.ofDays(2);

    private Age() {
    }

    public static String between(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toSeconds() < 60) {
            return Math.max(0, age.toSeconds()) + "s";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + "m";
        }
        if (age.compareTo(TWO_DAYS) < 0) {
            return age.toHours() + "h";
        }
        return age.toDays() + "d";
    }
}
