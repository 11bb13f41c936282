package io.certpipe.kube;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much the API takes in one request. */
@ConfigMapping(prefix = "certpipe.intake.requests")
public interface RequestLimits {

    /**
     * The largest request body accepted; a larger one is refused with a 413 {@code RequestEntityTooLarge} Status
     * (kube-apiserver's own limit is 3 MiB). A CSR is a few KiB; the cap keeps a request's lifecycle event (which
     * carries it) far below Kafka's 1 MiB record limit, so no single request can block the outbox. It also bounds what
     * the {@code copy} operations of one JSON patch may add, as kube-apiserver bounds them by its limit.
     */
    @WithDefault("256K")
    MemorySize maxBodySize();
}
