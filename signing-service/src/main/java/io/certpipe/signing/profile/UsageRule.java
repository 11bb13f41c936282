package io.certpipe.signing.profile;

import java.util.Set;
import java.util.TreeSet;

/** The usages a signer requires and those it merely allows; anything outside both is refused. */
record UsageRule(Set<String> required, Set<String> optional) {

    void check(Set<String> usages, String signerName) {
        for (String usage : new TreeSet<>(usages)) {
            if (!required.contains(usage) && !optional.contains(usage)) {
                throw new SignerRuleViolation("usage \"" + usage + "\" is not allowed for " + signerName);
            }
        }
        for (String usage : new TreeSet<>(required)) {
            if (!usages.contains(usage)) {
                throw new SignerRuleViolation("usage \"" + usage + "\" is required for " + signerName);
            }
        }
    }
}
