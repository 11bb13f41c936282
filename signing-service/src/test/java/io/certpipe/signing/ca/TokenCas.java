package io.certpipe.signing.ca;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import io.certpipe.admin.pki.LocalPki;
import io.certpipe.admin.pki.TokenCaKeys;
import io.certpipe.common.pki.CaCertificateFile;
import io.certpipe.common.pki.Pkcs11Token;
import io.certpipe.common.pki.SoftHsm;

/** Token CAs for tests, made by the admin tool as {@code ./certpipe up --hsm} makes them. */
public final class TokenCas {

    private TokenCas() {
    }

    /**
     * The CA of {@code signer} under {@code caRoot}, created in the {@link SoftHsm.TestToken#CA_KEYS} token and loaded
     * as signing-service loads it. The signer's cluster must be {@link SoftHsm#uniqueCluster}.
     */
    public static CertificateAuthority tokenCa(Path caRoot, SignerId signer) {
        Path directory = caRoot.resolve(signer.cluster()).resolve(signer.directoryName());
        try {
            Pkcs11Token token = Pkcs11Token.open(SoftHsm.settings(SoftHsm.TestToken.CA_KEYS));
            new LocalPki(new TokenCaKeys(token), caRoot, new PrintStream(OutputStream.nullOutputStream()))
                    .ensureCa(directory.resolve(CaCertificateFile.NAME), "O=certpipe,OU=" + signer.cluster()
                            + ",CN=" + signer.signerName() + " CA");
            return Pkcs11CertificateAuthority.load(signer, directory, token);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the token CA of " + signer, e);
        }
    }
}
