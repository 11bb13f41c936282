package io.certpipe.admin.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

import org.bouncycastle.operator.OperatorCreationException;

import io.certpipe.common.pki.CaLoadException;
import io.certpipe.common.signer.KeyMode;

/**
 * Makes a home's PKI in one run, whatever holds its CA keys:
 * {@code java -cp <admin classpath> io.certpipe.admin.pki.PkiTool ensure HOME KEY_MODE <plan}. The launcher writes
 * the plan ({@link PkiPlan}) on every {@code up}; each CA created and each certificate issued is reported on standard
 * output. In key mode {@code pkcs11} the token is the one signing-service uses, from the same environment
 * ({@code CERTPIPE_SIGNING_PKCS11_*}, and SoftHSM2's {@code SOFTHSM2_CONF}).
 */
public final class PkiTool {

    private static final String USAGE = """
            usage: PkiTool ensure HOME file|pkcs11 <plan
              makes what the plan on standard input lists and is missing in certpipe home HOME, with CA keys as
              files or in the PKCS#11 token; one line a CA or a leaf certificate, tab-separated:
                ca    CERTIFICATE  SUBJECT
                leaf  STEM  CA_CERTIFICATE  SUBJECT  EXTENDED_USAGES  [SUBJECT_ALT_NAMES]
              SUBJECT in RFC 4514 syntax, RDNs in the certificate's order: O=certpipe,CN=certpipe bus CA
              EXTENDED_USAGES and SUBJECT_ALT_NAMES as openssl writes them: serverAuth, clientAuth and
              IP:127.0.0.1, DNS:localhost
            """;
    private static final int USAGE_ERROR = 2;
    private static final int FAILURE = 1;

    private PkiTool() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !args[0].equals("ensure") || !(args[2].equals(KeyMode.file.name())
                || args[2].equals(KeyMode.pkcs11.name()))) {
            System.err.print(USAGE);
            System.exit(USAGE_ERROR);
        }
        Path home = Path.of(args[1]);
        try {
            List<PkiPlan.Step> plan = PkiPlan.read(new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)), home);
            CaKeys caKeys = KeyMode.valueOf(args[2]) == KeyMode.pkcs11 ? TokenCaKeys.fromEnvironment()
                    : new FileCaKeys();
            LocalPki pki = new LocalPki(caKeys, home, System.out);
            for (PkiPlan.Step step : plan) {
                step.apply(pki);
            }
        } catch (CaLoadException | IllegalArgumentException e) {
            System.err.println("PkiTool: " + e.getMessage());
            System.exit(FAILURE);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            System.err.println("PkiTool: " + e);
            System.exit(FAILURE);
        }
    }
}
