package io.certpipe.signing.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The signers certpipe knows the rules of. A CA directory for any other signer name is never used to sign. */
public final class SignerProfiles {

    private final Map<String, SignerProfile> bySignerName;

    public SignerProfiles(List<SignerProfile> profiles) {
        this.bySignerName = profiles.stream()
                .collect(Collectors.toUnmodifiableMap(SignerProfile::signerName, Function.identity()));
    }

    /** Kubernetes' three built-in signers that issue certificates. */
    public static SignerProfiles kubernetesBuiltIns() {
        return new SignerProfiles(List.of(new KubeApiserverClientProfile(), new KubeletClientProfile(),
                new KubeletServingProfile()));
    }

    public Optional<SignerProfile> find(String signerName) {
        return Optional.ofNullable(bySignerName.get(signerName));
    }
}
