package io.certpipe.common.event.signature;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A service's signer and verifier, from {@link EventKeysConfig}. The service is named by its application name (its
 * Maven artifact id), which is how {@code Topics} names publishers.
 */
@ApplicationScoped
public class EventKeys {

    @Produces
    @Singleton
    EventSigner signer(EventKeysConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        EventKeyLayout layout = new EventKeyLayout(config.home());
        if (config.token().isPresent()) {
            TokenEventKeys token = TokenEventKeys.open(config.token().get());
            return new EventSigner(layout.tokenKey(service), pointer -> token.readCurrent(pointer, service),
                    token.provider(), Clock.systemUTC());
        }
        return new EventSigner(config.signingKey().orElseGet(() -> layout.signingKey(service)), Clock.systemUTC());
    }

    @Produces
    @Singleton
    TrustedKeys trustedKeys(EventKeysConfig config) {
        return new TrustedKeys(config.trustedKeys().orElseGet(() -> new EventKeyLayout(config.home()).trustedKeys()),
                config.trustedKeysRefresh(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    EventVerifier verifier(TrustedKeys trustedKeys) {
        return new EventVerifier(trustedKeys);
    }
}
