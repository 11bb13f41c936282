package io.certpipe.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.certpipe.console.pki.DecodedRequest;
import io.certpipe.console.pki.TestPki;
import io.certpipe.console.requests.AgeWindow;
import io.certpipe.console.requests.ApprovalRules;
import io.certpipe.console.requests.HistoryEntry;
import io.certpipe.console.requests.RequestFilter;
import io.certpipe.console.requests.RequestList;
import io.certpipe.console.requests.RequestRow;
import io.certpipe.console.requests.RequestState;
import io.certpipe.console.requests.RequestView;
import io.certpipe.console.requests.TestCsrs;
import io.quarkus.test.junit.QuarkusTest;

/** The real templates, rendered by Quarkus' Qute as the pages are, with hostile values in every field they show. */
@QuarkusTest
class PagesTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private static final String IMAGE = "<img src=x onerror=alert(2)>";
    /** Any script element but the console's own file, or any inline style: the CSP would refuse both. */
    private static final Pattern INLINE_SCRIPT_OR_STYLE = Pattern.compile(
            "<script(?! src=\"/assets/live\\.js\" defer></script>)|\\sstyle=|<style");

    @Test
    void aRequestWhoseCommonNameIsAScriptRendersItAsText() throws Exception {
        String pem = TestPki.request(TestPki.ecP256(), "CN=" + SCRIPT + ",O=" + IMAGE, null);
        var csr = TestCsrs.pending(SCRIPT, pem, "kubernetes.io/kube-apiserver-client", IMAGE,
                "2026-12-06T05:00:00Z");
        RequestView view = new RequestView("default", TestCsrs.read(csr), "/clusters/default/requests/x",
                Instant.now(), DecodedRequest.decode(pem), null,
                List.of(new HistoryEntry(Instant.now(), "Normal", "Created", "user/" + IMAGE,
                        "Requested by " + SCRIPT)),
                null, new ApprovalRules(2, false), null, null, new Flash(Flash.Kind.ERROR, SCRIPT));

        String html = Pages.request(new Frame(IMAGE, "token"), view).render();

        assertTrue(html.contains("<dd id=\"common-name\">" + ESCAPED_SCRIPT + "</dd>"), html);
        assertFalse(html.contains(SCRIPT), "no script element from the request");
        assertFalse(html.contains("<img"), "no element from the requester's name or the organizations");
        assertFalse(INLINE_SCRIPT_OR_STYLE.matcher(html).find(), "nothing the Content-Security-Policy refuses");
    }

    @Test
    void theListRendersHostileNamesSignersAndRequestersAsText() {
        RequestRow row = new RequestRow("default", SCRIPT, RequestRow.detailPath("default", SCRIPT), IMAGE, IMAGE,
                Instant.now(), "1m", RequestState.PENDING);
        RequestList list = new RequestList(new RequestFilter("default", IMAGE, "", AgeWindow.ANY), List.of(row), 0,
                List.of("default"), List.of(IMAGE), List.of(IMAGE),
                List.of(new RequestList.LiveSource("default", "/clusters/default/events?resourceVersion=1")),
                List.of(new RequestList.Unlisted("tenant-b", SCRIPT)));

        String html = Pages.requests(new Frame("approver", "token"), list).render();

        assertTrue(html.contains(">" + ESCAPED_SCRIPT + "</a>"), html);
        assertTrue(html.contains("href=\"/clusters/default/requests/%3Cscript%3Ealert%281%29%3C%2Fscript%3E\""),
                "the link names the request percent-encoded: " + html);
        assertFalse(html.contains(SCRIPT));
        assertFalse(html.contains("<img"));
        assertFalse(INLINE_SCRIPT_OR_STYLE.matcher(html).find(), "nothing the Content-Security-Policy refuses");
    }

    @Test
    void aProblemPageShowsIntakesMessageAsText() {
        Problem problem = Problem.of(new io.certpipe.console.intake.IntakeStatus(403, "Forbidden", SCRIPT));

        String html = Pages.problem(new Frame("approver", "token"), problem, "/").render();

        assertTrue(html.contains(ESCAPED_SCRIPT));
        assertFalse(html.contains(SCRIPT));
        assertEquals(1, html.split("name=\"csrf\" value=\"token\"", -1).length - 1, "the sign-out form");
    }
}
