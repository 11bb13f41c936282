package io.certpipe.admin.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PkiPlanTest {

    private static final Path HOME = Path.of("/home/certpipe");

    @Test
    void readsCasAndLeavesInOrderWithPathsInTheHome() throws Exception {
        List<PkiPlan.Step> steps = read("""
                ca\tpki/bus-ca.crt\tO=certpipe,CN=certpipe bus CA

                leaf\t/elsewhere/bus/kafka-broker/client\tpki/bus-ca.crt\tCN=kafka-broker\tserverAuth, clientAuth\tIP:127.0.0.1, DNS:kafka
                leaf\tbus/bus-admin/client\tpki/bus-ca.crt\tCN=bus-admin\tclientAuth
                """);

        assertEquals(List.of(
                new PkiPlan.Ca(HOME.resolve("pki/bus-ca.crt"), "O=certpipe,CN=certpipe bus CA"),
                new PkiPlan.Leaf(Path.of("/elsewhere/bus/kafka-broker/client"), HOME.resolve("pki/bus-ca.crt"),
                        "CN=kafka-broker", "serverAuth, clientAuth", "IP:127.0.0.1, DNS:kafka"),
                new PkiPlan.Leaf(HOME.resolve("bus/bus-admin/client"), HOME.resolve("pki/bus-ca.crt"),
                        "CN=bus-admin", "clientAuth", "")), steps);
    }

    @Test
    void refusesALineThatIsNoStepNamingIt() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> read("ca\tpki/a.crt\tCN=a\nkey\tpki/b.key\n"));
        assertTrue(unknown.getMessage().startsWith("plan line 2 "), unknown.getMessage());
        IllegalArgumentException shortLeaf = assertThrows(IllegalArgumentException.class,
                () -> read("leaf\tpki/admin\tpki/a.crt\tCN=admin\n"));
        assertTrue(shortLeaf.getMessage().contains("5 or 6 tab-separated fields, not 4"), shortLeaf.getMessage());
    }

    private static List<PkiPlan.Step> read(String plan) throws Exception {
        return PkiPlan.read(new BufferedReader(new StringReader(plan)), HOME);
    }
}
