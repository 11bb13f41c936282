package io.certpipe.intake.csr;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

import io.certpipe.common.csr.Pem;
import io.certpipe.common.event.CsrCondition;
import io.certpipe.intake.identity.UserInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Real PKCS#10 requests and stored requests for tests, made fresh with the JDK and Bouncy Castle. */
final class TestCsrs {

    static final UserInfo ADMIN = new UserInfo("certpipe-admin", "",
            List.of("system:masters", UserInfo.AUTHENTICATED), Map.of());
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private TestCsrs() {
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PKCS10CertificationRequest request(String subject, KeyPair keys) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String subject) {
        return pem("CERTIFICATE REQUEST", derOf(request(subject, keyPair())));
    }

    /** A request whose signature no longer matches its content: one byte of the signature is flipped. */
    static String pemWithBrokenSignature(String subject) {
        byte[] der = derOf(request(subject, keyPair()));
        der[der.length - 3] ^= 0x01;
        return pem("CERTIFICATE REQUEST", der);
    }

    static String privateKeyPem() {
        return pem("PRIVATE KEY", keyPair().getPrivate().getEncoded());
    }

    static String pem(String type, byte[] der) {
        return Pem.encode(type, der);
    }

    private static byte[] derOf(PKCS10CertificationRequest request) {
        try {
            return request.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static StoredCsr pending(String name) {
        return new StoredCsr("default", name, UUID.randomUUID(), 7, NOW.minusSeconds(90), Map.of("team", "dev"),
                Map.of(), "kubernetes.io/kube-apiserver-client", pem("CN=" + name), List.of("client auth"), null,
                "certpipe-admin", "", ADMIN.groups(), Map.of(), List.of(), null, List.of());
    }

    static CsrCondition condition(String type) {
        return new CsrCondition(type, "True", "Test" + type, "set by a test", NOW, NOW);
    }
}
