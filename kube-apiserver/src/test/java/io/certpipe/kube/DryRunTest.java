package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import org.junit.jupiter.api.Test;

class DryRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NO_BODY = new byte[0];

    @Test
    void allIsADryRunAndNoValueARealWrite() {
        assertEquals(DryRun.ALL, DryRun.of(DryRun.Options.CREATE, List.of("All")));
        assertEquals(DryRun.ALL, DryRun.of(DryRun.Options.PATCH, List.of("All", "All")));
        assertEquals(DryRun.OFF, DryRun.of(DryRun.Options.UPDATE, List.of()));
        assertEquals(DryRun.OFF, DryRun.of(DryRun.Options.UPDATE, null));
    }

    @Test
    void anyOtherValueIsRefusedAsInvalidOptionsWordedAsKubeApiserverWordsThem() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> DryRun.of(DryRun.Options.CREATE, List.of("Some")));

        assertEquals(422, refusal.code());
        assertEquals("Invalid", refusal.reason());
        assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Some\"}: "
                + "supported values: \"All\"", refusal.getMessage());
        assertEquals("meta.k8s.io", refusal.details().group());
        assertEquals("CreateOptions", refusal.details().kind());
        assertEquals(List.of(new Status.Cause("FieldValueNotSupported",
                "Unsupported value: []string{\"Some\"}: supported values: \"All\"", "dryRun")),
                refusal.details().causes());
    }

    @Test
    void aRefusalNamesTheOptionsOfItsVerbAndEveryValue() {
        ApiException refusal = assertThrows(ApiException.class,
                () -> DryRun.of(DryRun.Options.PATCH, List.of("All", "")));

        assertEquals("PatchOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"All\", \"\"}: "
                + "supported values: \"All\"", refusal.getMessage());
    }

    @Test
    void kubectlDeleteAsksForADryRunInTheDeleteOptionsBody() {
        byte[] body = """
                {"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background","dryRun":["All"]}"""
                .getBytes(StandardCharsets.UTF_8);

        assertEquals(DryRun.ALL, DryRun.ofDelete(List.of(), "application/json", body, JSON));
    }

    @Test
    void aDeleteBodyWithoutDryRunIsARealDeleteAndTheQueryCountsOnlyWithoutABody() {
        byte[] body = "{\"propagationPolicy\":\"Background\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals(DryRun.OFF, DryRun.ofDelete(List.of(), "application/json", body, JSON));
        assertEquals(DryRun.OFF, DryRun.ofDelete(List.of("All"), "application/json", body, JSON));
        assertEquals(DryRun.ALL, DryRun.ofDelete(List.of("All"), null, NO_BODY, JSON));
    }

    @Test
    void aProtobufDeleteOptionsBodyAsClientGoSendsIt() {
        Meta.DeleteOptions options = Meta.DeleteOptions.newBuilder().addDryRun("All").build();
        Runtime.Unknown envelope = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("DeleteOptions"))
                .setRaw(options.toByteString())
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {'k', '8', 's', 0});
        body.writeBytes(envelope.toByteArray());

        assertEquals(DryRun.ALL, DryRun.ofDelete(List.of(), ProtobufEnvelope.MEDIA_TYPE, body.toByteArray(), JSON));
    }

    @Test
    void anUnsupportedValueInTheDeleteOptionsBodyIsRefused() {
        byte[] body = "{\"dryRun\":[\"Client\"]}".getBytes(StandardCharsets.UTF_8);

        ApiException refusal = assertThrows(ApiException.class,
                () -> DryRun.ofDelete(List.of(), "application/json", body, JSON));

        assertEquals(422, refusal.code());
        assertEquals("DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Client\"}: "
                + "supported values: \"All\"", refusal.getMessage());
    }
}
