package io.certpipe.intake.csr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.kube.HumanDuration;
import io.certpipe.kube.Table;

/** Kubernetes' printer for CertificateSigningRequests ({@code pkg/printers/internalversion}), server side. */
public final class CsrTable {

    static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
            new Table.Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time "
                    + "when this object was created.", 0),
            new Table.Column("SignerName", "string", "", "signerName indicates the requested signer.", 0),
            new Table.Column("Requestor", "string", "", "username contains the name of the user that created the "
                    + "CertificateSigningRequest.", 0),
            new Table.Column("RequestedDuration", "string", "", "expirationSeconds is the requested duration of "
                    + "validity of the issued certificate.", 0),
            new Table.Column("Condition", "string", "", "conditions applied to the request.", 0),
            new Table.Column("Reason", "string", "", "the reason of the request's latest condition (-o wide).", 1),
            new Table.Column("Message", "string", "", "the message of the request's latest condition, such as "
                    + "why it was denied or failed (-o wide).", 1));

    private static final String NONE = "<none>";

    private CsrTable() {
    }

    public static Table render(List<StoredCsr> requests, long resourceVersion, Instant now) {
        return render(requests, resourceVersion, now, Table.IncludeObject.METADATA);
    }

    public static Table render(List<StoredCsr> requests, long resourceVersion, Instant now,
            Table.IncludeObject include) {
        return Table.of(resourceVersion, COLUMNS, requests.stream().map(csr -> row(csr, now, include)).toList());
    }

    static Table.Row row(StoredCsr csr, Instant now, Table.IncludeObject include) {
        String signerName = csr.signerName() == null || csr.signerName().isEmpty() ? NONE : csr.signerName();
        String requestedDuration = csr.expirationSeconds() == null ? NONE
                : HumanDuration.of(Duration.ofSeconds(csr.expirationSeconds()));
        List<Object> cells = List.of(csr.name(), HumanDuration.of(Duration.between(csr.creationTimestamp(), now)),
                signerName, csr.username(), requestedDuration, condition(csr), latest(csr, CsrCondition::reason),
                latest(csr, CsrCondition::message));
        Object object = switch (include) {
            case NONE -> null;
            case METADATA -> Table.PartialObjectMetadata.of(CsrRepresentation.metadataOf(csr));
            case OBJECT -> CsrRepresentation.toWire(csr);
        };
        return new Table.Row(cells, object);
    }

    /** A field of the condition recorded last, which is what a user reads first: why it was denied or failed. */
    private static String latest(StoredCsr csr, Function<CsrCondition, String> field) {
        if (csr.conditions().isEmpty()) {
            return NONE;
        }
        String value = field.apply(csr.conditions().getLast());
        return value == null || value.isEmpty() ? NONE : value;
    }

    /** {@code extractCSRStatus}: Denied beats Approved, else Pending; then ",Failed" and ",Issued". */
    public static String condition(StoredCsr csr) {
        StringBuilder status = new StringBuilder();
        if (csr.hasCondition(CsrCondition.DENIED)) {
            status.append("Denied");
        } else if (csr.hasCondition(CsrCondition.APPROVED)) {
            status.append("Approved");
        } else {
            status.append("Pending");
        }
        if (csr.hasCondition(CsrCondition.FAILED)) {
            status.append(",Failed");
        }
        if (csr.isIssued()) {
            status.append(",Issued");
        }
        return status.toString();
    }
}
