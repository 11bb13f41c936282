package io.certpipe.intake.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class ClientCertificatesTest {

    @Test
    void commonNameIsTheUserAndOrganizationsAreGroups() throws Exception {
        UserInfo user = ClientCertificates.userOf(certificate("CN=certpipe-admin,O=system:masters,O=ops"))
                .orElseThrow();

        assertEquals("certpipe-admin", user.username());
        assertEquals(Set.of("ops", "system:masters", "system:authenticated"), Set.copyOf(user.groups()));
        assertEquals("system:authenticated", user.groups().getLast());
    }

    @Test
    void certificateWithoutCommonNameAuthenticatesNobody() throws Exception {
        assertTrue(ClientCertificates.userOf(certificate("O=system:masters")).isEmpty());
    }

    @Test
    void certificateNamingTwoUsersAuthenticatesNobody() throws Exception {
        assertTrue(ClientCertificates.userOf(certificate("CN=alice,O=system:nodes,CN=system:node:n1")).isEmpty());
    }

    @Test
    void certificateWithAGroupInAMultiValuedRdnAuthenticatesNobody() throws Exception {
        assertTrue(ClientCertificates.userOf(certificate("CN=alice+O=system:masters")).isEmpty());
    }

    private static X509Certificate certificate(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Principal("CN=test-ca"), BigInteger.TWO,
                Date.from(now), Date.from(now.plusSeconds(600)), new X500Principal(subject), keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
