package io.certpipe.approval.policy;

/** The configured approval policies cannot be used; approval-service does not start with them. */
public class PolicyConfigurationException extends RuntimeException {

    public PolicyConfigurationException(String message) {
        super(message);
    }

    public PolicyConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
