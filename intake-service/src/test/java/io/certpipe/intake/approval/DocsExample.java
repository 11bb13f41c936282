package io.certpipe.intake.approval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example policy of docs/approval.md ("An ApprovalPolicy"), as a user would copy it. */
final class DocsExample {

    private DocsExample() {
    }

    static String policyYaml() throws IOException {
        String docs = Files.readString(Path.of("../docs/approval.md"));
        int section = docs.indexOf("## An ApprovalPolicy");
        int start = docs.indexOf("```yaml\n", section) + "```yaml\n".length();
        return docs.substring(start, docs.indexOf("```", start));
    }
}
