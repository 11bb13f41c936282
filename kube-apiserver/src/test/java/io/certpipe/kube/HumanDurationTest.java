package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void printsDurationsAsKubectlDoes() {
        assertEquals("0s", HumanDuration.of(Duration.ofMillis(-500)));
        assertEquals("<invalid>", HumanDuration.of(Duration.ofSeconds(-5)));
        assertEquals("119s", HumanDuration.of(Duration.ofSeconds(119)));
        assertEquals("2m", HumanDuration.of(Duration.ofSeconds(120)));
        assertEquals("9m59s", HumanDuration.of(Duration.ofSeconds(599)));
        assertEquals("10m", HumanDuration.of(Duration.ofSeconds(600)));
        assertEquals("3h", HumanDuration.of(Duration.ofHours(3)));
        assertEquals("7h30m", HumanDuration.of(Duration.ofMinutes(450)));
        assertEquals("24h", HumanDuration.of(Duration.ofDays(1)));
        assertEquals("2d", HumanDuration.of(Duration.ofDays(2)));
        assertEquals("3d5h", HumanDuration.of(Duration.ofHours(77)));
        assertEquals("365d", HumanDuration.of(Duration.ofDays(365)));
        assertEquals("2y", HumanDuration.of(Duration.ofDays(730)));
        assertEquals("8y", HumanDuration.of(Duration.ofDays(365 * 8 + 3)));
    }
}
