package io.certpipe.console.web;

import io.certpipe.console.requests.RequestList;
import io.certpipe.console.requests.RequestView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The console's pages, each a Qute template under {@code templates/Pages/} checked at build time. Every value is
 * HTML-escaped as it is rendered: no template writes anything {@code raw}.
 */
@CheckedTemplate(basePath = "Pages")
public final class Pages {

    private Pages() {
    }

    public static native TemplateInstance requests(Frame frame, RequestList list);

    public static native TemplateInstance request(Frame frame, RequestView view);

    public static native TemplateInstance problem(Frame frame, Problem problem, String retryPath);

    public static native TemplateInstance signedOut(Frame frame);
}
