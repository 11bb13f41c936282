package io.certpipe.common.signer;

/**
 * Present on a profile that issues subordinate CA certificates: they carry {@code basicConstraints CA:TRUE} with this
 * {@code pathLength} (0: the subordinate may sign only leaf certificates). Without it a signer issues leaf
 * certificates only and refuses a request that asks to be a CA.
 */
public record IntermediateCa(int pathLength) {
}
