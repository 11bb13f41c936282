package io.certpipe.automation.asyncapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.certpipe.automation.asyncapi.AsyncApiParser.Diagnostic;

/** docs/asyncapi.yaml as the real npm AsyncAPI parser reads it, and proof that the parser would object. */
class AsyncApiValidationTest {

    private static AsyncApiParser parser;

    @TempDir
    Path scratch;

    @BeforeAll
    static void installParser() throws IOException, InterruptedException {
        parser = AsyncApiParser.installedIn(AsyncApiDocument.parserInstallation());
    }

    @Test
    void theDocumentHasNeitherErrorsNorWarnings() throws Exception {
        var diagnostics = parser.diagnose(AsyncApiDocument.path());

        var problems = diagnostics.stream().filter(diagnostic -> diagnostic.severity() <= AsyncApiParser.WARNING)
                .toList();
        assertEquals(List.of(), problems);
    }

    @Test
    void aMessageWhosePayloadSchemaIsMissingIsAnError() throws Exception {
        var broken = copyWith("$ref: '#/components/schemas/CsrIssuedEvent'",
                "$ref: '#/components/schemas/NoSuchEvent'");

        assertHasError(parser.diagnose(broken), "invalid-ref", "csrIssued");
    }

    @Test
    void anAsyncApiVersionThatDoesNotExistIsAnError() throws Exception {
        var broken = copyWith("asyncapi: 3.0.0", "asyncapi: 3.9.0");

        assertHasError(parser.diagnose(broken), "asyncapi-is-asyncapi", "");
    }

    @Test
    void anExampleThatContradictsItsSchemaIsAnError() throws Exception {
        var broken = copyWith("code: 422", "code: 499");

        assertHasError(parser.diagnose(broken), "message-example-invalid", "csrRejected");
    }

    /** A copy of the document with {@code original}, which must occur exactly once, replaced. */
    private Path copyWith(String original, String replacement) throws IOException {
        var text = AsyncApiDocument.text();
        assertEquals(1, AsyncApiDocument.occurrences(text, original),
                "the document should hold exactly one " + original);
        return Files.writeString(scratch.resolve("asyncapi.yaml"), text.replace(original, replacement));
    }

    private static void assertHasError(List<Diagnostic> diagnostics, String code, String pathElement) {
        assertTrue(diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity() == AsyncApiParser.ERROR
                && diagnostic.code().equals(code)
                && (pathElement.isEmpty() || diagnostic.path().contains(pathElement))),
                "expected an error " + code + " at " + pathElement + ", got " + diagnostics);
    }
}
