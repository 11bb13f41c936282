package io.certpipe.intake.signer;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.certpipe.kube.ListMeta;
import io.certpipe.kube.ObjectMeta;
import io.certpipe.kube.Table;

/**
 * One kind of read-only object derived from the published signers (Signers, ClusterTrustBundles): how to render one
 * signer as the object and as a table row, and how to answer a list or a get with either, as kube-apiserver does.
 */
record PublishedObjects<T>(String listKind, String apiVersion, List<Table.Column> columns,
        Function<PublishedSigner, T> toObject, Function<T, ObjectMeta> metadataOf,
        BiFunction<PublishedSigner, T, List<Object>> cellsOf) {

    Response list(List<PublishedSigner> signers, String includeObject, String accept) {
        if (Table.isRequestedBy(accept)) {
            return table(signers, includeObject);
        }
        Map<String, Object> list = Map.of("kind", listKind, "apiVersion", apiVersion, "metadata", new ListMeta("0"),
                "items", signers.stream().map(toObject).toList());
        return Response.ok(list, MediaType.APPLICATION_JSON_TYPE).build();
    }

    Response get(PublishedSigner signer, String includeObject, String accept) {
        if (Table.isRequestedBy(accept)) {
            return table(List.of(signer), includeObject);
        }
        return Response.ok(toObject.apply(signer), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response table(List<PublishedSigner> signers, String includeObject) {
        Table.IncludeObject include = Table.IncludeObject.of(includeObject);
        List<Table.Row> rows = signers.stream().map(signer -> {
            T object = toObject.apply(signer);
            Object rowObject = switch (include) {
                case NONE -> null;
                case METADATA -> Table.PartialObjectMetadata.of(metadataOf.apply(object));
                case OBJECT -> object;
            };
            return new Table.Row(cellsOf.apply(signer, object), rowObject);
        }).toList();
        return Response.ok(Table.of(0, columns, rows), Table.MEDIA_TYPE).build();
    }
}
