package io.certpipe.common.signer;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.certpipe.common.csr.ParsedRequest;

/**
 * The subject keys certpipe certifies, whatever the signer (boulder's {@code goodkey}): RSA of 2048 to 8192 bits,
 * ECDSA on P-256 or P-384, or Ed25519. Anything smaller is breakable within a certificate's life, anything larger or
 * of another kind is not something the relying parties certpipe serves are known to handle. A request carrying one of
 * the signer's own CA keys is refused too: whoever holds that private key must never get a second certificate for it.
 * signing-service enforces this before it signs; intake calls it at create time.
 */
public final class KeyPolicy {

    public static final int MIN_RSA_BITS = 2048;
    public static final int MAX_RSA_BITS = 8192;

    private static final Set<String> PERMITTED_CURVES = Set.of(SubjectKey.P_256, SubjectKey.P_384);
    private static final String PERMITTED = "RSA 2048-8192, ECDSA P-256 or P-384, Ed25519";

    private KeyPolicy() {
    }

    /** Every key rule {@code request} breaks, given no CA keys to compare with. */
    public static List<Violation> check(ParsedRequest request) {
        return check(request, List.of());
    }

    /** Every key rule {@code request} breaks, comparing its key with each of {@code caKeys} (a signer's CA keys). */
    public static List<Violation> check(ParsedRequest request, Collection<PublicKey> caKeys) {
        List<Violation> violations = new ArrayList<>();
        checkKind(request, violations);
        if (caKeys.stream().anyMatch(caKey -> sameKey(caKey, request.publicKey()))) {
            violations.add(new Violation(Violation.Reason.KEY_IS_A_CA_KEY,
                    "the request's public key is the signer's own CA key"));
        }
        return List.copyOf(violations);
    }

    private static void checkKind(ParsedRequest request, List<Violation> violations) {
        SubjectKey key;
        try {
            key = SubjectKey.of(request);
        } catch (IllegalArgumentException malformed) {
            violations.add(new Violation(Violation.Reason.KEY_ALGORITHM_NOT_PERMITTED, malformed.getMessage()));
            return;
        }
        switch (key.algorithm()) {
            case SubjectKey.RSA -> checkRsaSize(key.rsaBits(), violations);
            case SubjectKey.ECDSA -> {
                if (key.nistCurve() == null || !PERMITTED_CURVES.contains(key.nistCurve())) {
                    violations.add(new Violation(Violation.Reason.KEY_CURVE_NOT_PERMITTED, "EC key curve "
                            + key.curveName() + " is not allowed (" + PERMITTED + ")"));
                }
            }
            case SubjectKey.ED25519 -> {
            }
            default -> violations.add(new Violation(Violation.Reason.KEY_ALGORITHM_NOT_PERMITTED, "key algorithm "
                    + key.algorithm() + " is not allowed (" + PERMITTED + ")"));
        }
    }

    private static void checkRsaSize(int bits, List<Violation> violations) {
        if (bits < MIN_RSA_BITS) {
            violations.add(new Violation(Violation.Reason.KEY_TOO_SMALL, "RSA key of " + bits
                    + " bits is too short (at least " + MIN_RSA_BITS + ")"));
        } else if (bits > MAX_RSA_BITS) {
            violations.add(new Violation(Violation.Reason.KEY_TOO_LARGE, "RSA key of " + bits
                    + " bits is too long (at most " + MAX_RSA_BITS + ")"));
        }
    }

    /**
     * Whether two public keys are one key pair's. RSA keys compare by modulus alone (a changed exponent does not make
     * the private key another one); other keys by their encoding, which the JDK normalises when it decodes them.
     */
    private static boolean sameKey(PublicKey a, PublicKey b) {
        if (a instanceof RSAPublicKey rsaA && b instanceof RSAPublicKey rsaB) {
            return rsaA.getModulus().equals(rsaB.getModulus());
        }
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
