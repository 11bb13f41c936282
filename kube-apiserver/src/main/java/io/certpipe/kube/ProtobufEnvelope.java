package io.certpipe.kube;

import java.util.Arrays;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Runtime;

/**
 * Kubernetes' protobuf wire form, which kubectl and client-go send for typed calls: the magic {@code k8s\0}, then a
 * {@code runtime.Unknown} whose {@code raw} is the object's own message.
 */
public final class ProtobufEnvelope {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufEnvelope() {
    }

    public static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.split(";")[0].trim().equalsIgnoreCase(MEDIA_TYPE);
    }

    /** The object message inside {@code body}, refused unless the envelope says it is a {@code kind}. */
    public static ByteString unwrap(byte[] body, String kind) {
        if (body == null || body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw ApiException.badRequest("protobuf body does not start with the Kubernetes magic k8s\\0");
        }
        try {
            Runtime.Unknown envelope = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length,
                    body.length));
            if (envelope.hasTypeMeta() && envelope.getTypeMeta().hasKind()
                    && !kind.equals(envelope.getTypeMeta().getKind())) {
                throw ApiException.badRequest("expected a " + kind + ", got " + envelope.getTypeMeta().getKind());
            }
            return envelope.getRaw();
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("cannot decode the protobuf " + kind + ": " + e.getMessage());
        }
    }
}
