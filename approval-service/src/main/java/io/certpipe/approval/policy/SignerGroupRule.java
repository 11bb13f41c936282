package io.certpipe.approval.policy;

/** "Members of {@code group} may have certificates from {@code signer} without a human": one configured rule. */
public record SignerGroupRule(String signer, String group) {
}
