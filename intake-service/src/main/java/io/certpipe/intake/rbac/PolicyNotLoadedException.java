package io.certpipe.intake.rbac;

import io.certpipe.common.consumer.TransientException;

/** A cluster's RBAC policy is asked for before intake has loaded it, which it does as it starts. */
public final class PolicyNotLoadedException extends TransientException {

    PolicyNotLoadedException(String cluster) {
        super("the RBAC policy of cluster " + cluster + " is not loaded yet");
    }
}
