package io.certpipe.signing;

import io.certpipe.common.event.Actor;

/** How signing-service names itself in the events it emits. */
public final class SigningService {

    /** The CloudEvents {@code source} of every event signing-service emits. */
    public static final String SOURCE = "/certpipe/signing-service";
    /** The actor of everything signing-service does on its own: issuing, refusing, publishing signers. */
    public static final Actor ACTOR = Actor.service("signing-service");

    private SigningService() {
    }
}
