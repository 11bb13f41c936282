package io.certpipe.signing.signer;

import java.util.List;

/** The signers file cannot be used; the message lists every problem, so one edit can fix them all. */
public class SignerConfigurationException extends RuntimeException {

    public SignerConfigurationException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
    }

    public SignerConfigurationException(String message) {
        super(message);
    }

    public SignerConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
