package io.certpipe.intake.csr;

import java.util.UUID;

import io.certpipe.kube.ApiException;

/**
 * How a change finds its request: API calls by name, events by uid (so an event for a deleted request never touches
 * a new one with the same name).
 */
public sealed interface CsrLookup {

    String cluster();

    /** The outcome when nothing matches. */
    Outcome whenMissing();

    record ByName(String cluster, String name) implements CsrLookup {

        @Override
        public Outcome whenMissing() {
            throw ApiException.notFound(CsrApi.GROUP_RESOURCE, name);
        }
    }

    record ByUid(String cluster, UUID uid) implements CsrLookup {

        @Override
        public Outcome whenMissing() {
            return Outcome.dropped();
        }
    }
}
