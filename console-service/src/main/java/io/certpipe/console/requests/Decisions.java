package io.certpipe.console.requests;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.certpipe.console.intake.ApiPaths;
import io.certpipe.console.intake.IntakeApi;
import io.certpipe.console.intake.IntakeException;
import io.certpipe.console.web.Flash;

/**
 * Approves or denies a request as the signed-in user, exactly as {@code kubectl certificate approve} and
 * {@code deny} do: the whole request, read afresh, with the decision's condition appended, put to the
 * {@code approval} subresource. intake decides whether this user may (RBAC, four eyes) and answers how many approvals
 * are recorded where the signer needs several.
 */
@ApplicationScoped
public class Decisions {

    /** A request that changed between read and write (409) is read and decided again, as kubectl does. */
    private static final int ATTEMPTS = 3;

    private final IntakeApi intake;

    public Decisions(IntakeApi intake) {
        this.intake = intake;
    }

    /** Applies {@code decision}; returns what the page should tell the person. */
    public Flash decide(String cluster, String name, Decision decision, String token) {
        for (int attempt = 1;; attempt++) {
            JsonNode current = intake.get(cluster, ApiPaths.request(name), token);
            String decided = decidedAs(current);
            if (decided != null) {
                return new Flash(Flash.Kind.NOTICE, name + " was already " + decided.toLowerCase(Locale.ROOT)
                        + "; nothing was changed.");
            }
            try {
                IntakeApi.Written written = intake.put(cluster, ApiPaths.approval(name), withDecision(current,
                        decision), token);
                return outcome(name, decision, written);
            } catch (IntakeException refused) {
                if (refused.status().code() != 409 || attempt == ATTEMPTS) {
                    throw refused;
                }
            }
        }
    }

    static JsonNode withDecision(JsonNode current, Decision decision) {
        ObjectNode updated = current.deepCopy();
        updated.withObjectProperty("status").withArrayProperty("conditions").addObject()
                .put("type", decision.type().wireName())
                .put("status", "True")
                .put("reason", decision.reason())
                .put("message", decision.message())
                .put("lastUpdateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return updated;
    }

    private static Flash outcome(String name, Decision decision, IntakeApi.Written written) {
        List<String> warnings = written.warnings();
        if (decision.type() == ConditionType.DENIED) {
            return new Flash(Flash.Kind.SUCCESS, "Denied " + name + ".");
        }
        if (decidedAs(written.object()) != null) {
            return new Flash(Flash.Kind.SUCCESS, "Approved " + name + ". The certificate is issued in a moment.");
        }
        return new Flash(Flash.Kind.NOTICE, warnings.isEmpty() ? "Your approval of " + name + " is recorded; it "
                + "stays pending until enough people approve." : String.join(" ", warnings));
    }

    /** The decision already on the request ({@code Approved} or {@code Denied}), or null. */
    private static String decidedAs(JsonNode csr) {
        for (JsonNode condition : csr.path("status").path("conditions")) {
            String type = condition.path("type").asText();
            boolean decision = type.equals(ConditionType.APPROVED.wireName())
                    || type.equals(ConditionType.DENIED.wireName());
            if (decision && "True".equals(condition.path("status").asText())) {
                return type;
            }
        }
        return null;
    }
}
