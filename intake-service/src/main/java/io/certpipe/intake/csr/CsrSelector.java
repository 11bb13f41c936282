package io.certpipe.intake.csr;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.certpipe.common.event.CsrCondition;
import io.certpipe.kube.FieldSelector;
import io.certpipe.kube.LabelSelector;

/**
 * The {@code fieldSelector} and {@code labelSelector} of a request list or watch: fields {@code metadata.name} and
 * {@code spec.signerName} as in Kubernetes, plus {@code status.conditions[*].type} (an extension Kubernetes rejects:
 * equal when any condition has the type, as the tutorials' scripts expect).
 */
public final class CsrSelector {

    private static final Map<String, Function<StoredCsr, List<String>>> FIELDS = Map.of(
            "metadata.name", csr -> List.of(csr.name()),
            "spec.signerName", csr -> List.of(csr.signerName()),
            "status.conditions[*].type", csr -> csr.conditions().stream().map(CsrCondition::type).toList());

    private CsrSelector() {
    }

    public static Predicate<StoredCsr> of(String fieldSelector, String labelSelector) {
        return FieldSelector.parse(fieldSelector, FIELDS).and(LabelSelector.parse(labelSelector, StoredCsr::labels));
    }
}
