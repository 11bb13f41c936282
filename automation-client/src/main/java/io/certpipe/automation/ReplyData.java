package io.certpipe.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of a reply. Every reply names the {@code requestId} and {@code cluster} it answers; what else it
 * holds depends on its {@link ReplyType}:
 * <ul>
 * <li>{@code accepted}, {@code approved}, {@code denied}, {@code issued}, {@code failed}: the request's {@code name},
 * {@code uid} and the {@code object} as the API shows it at that moment;</li>
 * <li>{@code rejected}: the Kubernetes {@code status} the API would have answered (code, reason, message, causes);</li>
 * <li>{@code denied}, {@code failed}, {@code expired}, {@code deleted}: the condition's {@code reason} and
 * {@code message};</li>
 * <li>{@code issued}: also the {@code certificate} (PEM, as in {@code status.certificate}) and the signer's
 * {@code caBundle} (PEM), the CA certificates to trust it by.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplyData(String requestId, String cluster, String name, String uid, ObjectNode object,
        ObjectNode status, String reason, String message, String certificate, String caBundle) {
}
