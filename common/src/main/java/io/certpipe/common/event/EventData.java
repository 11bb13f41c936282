package io.certpipe.common.event;

/** The {@code data} of a certpipe CloudEvent. Each kind names who caused it. */
public sealed interface EventData
        permits LifecycleData, DecisionData, ToBeSignedData, SignedData, SigningFailedData, ExpirationData, SignerData,
        SignerWithdrawnData {

    Actor actor();
}
