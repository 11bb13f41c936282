package io.certpipe.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestInfoTest {

    @ParameterizedTest(name = "{0} {1}?{2} is {3} {4}/{5}/{6}/{7} named \"{8}\"")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // method | path | query | verb | group | version | resource | subresource | name
        "GET    | /apis/certificates.k8s.io/v1/certificatesigningrequests        | -                         | list   | certificates.k8s.io | v1 | certificatesigningrequests | '' | ''",
        "GET    | /apis/certificates.k8s.io/v1/certificatesigningrequests        | watch=true                | watch  | certificates.k8s.io | v1 | certificatesigningrequests | '' | ''",
        "GET    | /apis/certificates.k8s.io/v1/certificatesigningrequests        | watch=false               | list   | certificates.k8s.io | v1 | certificatesigningrequests | '' | ''",
        "GET    | /apis/certificates.k8s.io/v1/certificatesigningrequests        | fieldSelector=metadata.name=web | list | certificates.k8s.io | v1 | certificatesigningrequests | '' | web",
        "GET    | /apis/certificates.k8s.io/v1/certificatesigningrequests        | fieldSelector=metadata.name!=web | list | certificates.k8s.io | v1 | certificatesigningrequests | '' | ''",
        "GET    | /apis/certificates.k8s.io/v1/certificatesigningrequests/web    | -                         | get    | certificates.k8s.io | v1 | certificatesigningrequests | '' | web",
        "HEAD   | /apis/certificates.k8s.io/v1/certificatesigningrequests/web    | -                         | get    | certificates.k8s.io | v1 | certificatesigningrequests | '' | web",
        "POST   | /apis/certificates.k8s.io/v1/certificatesigningrequests        | -                         | create | certificates.k8s.io | v1 | certificatesigningrequests | '' | ''",
        "PUT    | /apis/certificates.k8s.io/v1/certificatesigningrequests/web/approval | -                   | update | certificates.k8s.io | v1 | certificatesigningrequests | approval | web",
        "PATCH  | /apis/certificates.k8s.io/v1/certificatesigningrequests/web/status   | -                   | patch  | certificates.k8s.io | v1 | certificatesigningrequests | status | web",
        "DELETE | /apis/certificates.k8s.io/v1/certificatesigningrequests/web    | -                         | delete | certificates.k8s.io | v1 | certificatesigningrequests | '' | web",
        "DELETE | /apis/certificates.k8s.io/v1/certificatesigningrequests        | -                         | deletecollection | certificates.k8s.io | v1 | certificatesigningrequests | '' | ''",
        "GET    | /api/v1/events                                                 | -                         | list   | ''                  | v1 | events                     | '' | ''",
        "POST   | /apis/authorization.k8s.io/v1/subjectaccessreviews             | -                         | create | authorization.k8s.io | v1 | subjectaccessreviews      | '' | ''",
        "GET    | /apis/rbac.authorization.k8s.io/v1/clusterroles/admin          | -                         | get    | rbac.authorization.k8s.io | v1 | clusterroles        | '' | admin",
    })
    void readsResourceRequestsAsKubeApiserverDoes(String method, String path, String query, String verb,
            String group, String version, String resource, String subresource, String name) {
        RequestInfo info = RequestInfo.of(method, path, query(query));

        assertTrue(info.isResourceRequest());
        assertEquals(verb, info.verb());
        assertEquals(group, info.apiGroup());
        assertEquals(version, info.apiVersion());
        assertEquals(resource, info.resource());
        assertEquals(subresource, info.subresource());
        assertEquals(name, info.name());
    }

    @ParameterizedTest(name = "{0} {1} is the non-resource path it names")
    @CsvSource(delimiter = '|', value = {
        "GET  | /version",
        "GET  | /api",
        "GET  | /api/v1",
        "GET  | /apis",
        "GET  | /apis/certificates.k8s.io",
        "GET  | /apis/certificates.k8s.io/v1",
        "GET  | /openapi/v3/apis/certificates.k8s.io/v1",
        "GET  | /trust-bundles/example.com:serving.pem",
        "POST | /anything/else",
    })
    void readsDiscoveryAndOtherPathsAsNonResourceRequests(String method, String path) {
        RequestInfo info = RequestInfo.of(method, path, name -> null);

        assertFalse(info.isResourceRequest());
        assertEquals(path, info.path());
        assertEquals(method.toLowerCase(), info.verb());
    }

    @Test
    void readsTheNamespaceOfANamespacedResource() {
        RequestInfo info = RequestInfo.of("GET", "/api/v1/namespaces/default/events", name -> null);

        assertEquals("default", info.namespace());
        assertEquals("events", info.resource());
        assertEquals(Verbs.LIST, info.verb());
    }

    @Test
    void readsANamespaceItselfAsTheNamespacesResource() {
        RequestInfo info = RequestInfo.of("GET", "/api/v1/namespaces/default", name -> null);

        assertEquals("namespaces", info.resource());
        assertEquals("default", info.name());
        assertEquals(Verbs.GET, info.verb());
    }

    @Test
    void ignoresAFieldSelectorNameThatNoPathCouldCarry() {
        RequestInfo info = RequestInfo.of("GET", "/apis/certificates.k8s.io/v1/certificatesigningrequests",
                query("fieldSelector=metadata.name=a/b"));

        assertEquals("", info.name());
    }

    private static Function<String, String> query(String query) {
        if (query == null) {
            return name -> null;
        }
        int equals = query.indexOf('=');
        Map<String, String> parameters = Map.of(query.substring(0, equals), query.substring(equals + 1));
        return parameters::get;
    }
}
