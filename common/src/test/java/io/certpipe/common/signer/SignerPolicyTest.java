package io.certpipe.common.signer;

import static io.certpipe.common.signer.Violation.Reason.ALTERNATIVE_NAME_REQUIRED;
import static io.certpipe.common.signer.Violation.Reason.CA_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.COMMON_NAME_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.DNS_NAME_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.EMAIL_ADDRESS_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.IP_ADDRESS_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATIONAL_UNIT_FORBIDDEN;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATIONAL_UNIT_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATIONAL_UNIT_REQUIRED;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATION_FORBIDDEN;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATION_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.ORGANIZATION_REQUIRED;
import static io.certpipe.common.signer.Violation.Reason.URI_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.USAGE_NOT_PERMITTED;
import static io.certpipe.common.signer.Violation.Reason.USAGE_REQUIRED;
import static io.certpipe.common.signer.Violation.Reason.WILDCARD_NOT_PERMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.certpipe.common.csr.CertificationRequests;
import io.certpipe.common.csr.TestPki;

/** Every rule an operator can declare, on one custom serving signer; no reason means the request is signed. */
class SignerPolicyTest {

    private static final Set<String> SERVING = Set.of("digital signature", "server auth");
    /** OCSP must-staple (RFC 7633), a request extension an operator may choose to honour. */
    private static final String TLS_FEATURE = "1.3.6.1.5.5.7.1.24";

    private static final SignerPolicy SERVING_POLICY = new SignerPolicy(
            new SubjectRules("[a-z0-9.-]+",
                    new AttributeRules(List.of("Example Corp", "Example Labs"), List.of("Example Labs"),
                            List.of("Example Corp")),
                    new AttributeRules(List.of("web", "api"), List.of("api"), List.of())),
            new AlternativeNameRules(List.of("www.example.com", "*.apps.example.com", "**.svc.cluster.local"),
                    List.of("10.0.0.0/8", "2001:db8::/32"), false, false, false, true),
            new UsageRules(List.of("digital signature", "key encipherment", "server auth"), List.of("server auth")),
            new Lifetime(Duration.ofDays(90), Duration.ofDays(30)), null, List.of(TLS_FEATURE));

    private static final String CORP = "O=Example Corp,CN=";

    static Stream<Arguments> rules() {
        return Stream.of(
                row("accepts a request inside every rule", TestPki.csr(CORP + "www.example.com")
                        .dns("www.example.com").pem()),
                row("accepts the optional usage", TestPki.csr(CORP + "web").dns("www.example.com").pem(),
                        Set.of("digital signature", "key encipherment", "server auth")),
                row("refuses a common name outside the pattern", TestPki.csr(CORP + "Web Server")
                        .dns("www.example.com").pem(), COMMON_NAME_NOT_PERMITTED),
                row("refuses a missing common name when a pattern is set", TestPki.csr("O=Example Corp")
                        .dns("www.example.com").pem(), COMMON_NAME_NOT_PERMITTED),
                row("refuses an organization not allowed", TestPki.csr("O=Example Corp,O=Other,CN=web")
                        .dns("www.example.com").pem(), ORGANIZATION_NOT_PERMITTED),
                row("refuses a forbidden organization even when allowed",
                        TestPki.csr("O=Example Corp,O=Example Labs,CN=web").dns("www.example.com").pem(),
                        ORGANIZATION_FORBIDDEN),
                row("refuses a missing required organization", TestPki.csr("CN=web").dns("www.example.com").pem(),
                        ORGANIZATION_REQUIRED),
                row("accepts an allowed organizational unit", TestPki.csr("O=Example Corp,OU=web,CN=web")
                        .dns("www.example.com").pem()),
                row("refuses an organizational unit not allowed", TestPki.csr("O=Example Corp,OU=ops,CN=web")
                        .dns("www.example.com").pem(), ORGANIZATIONAL_UNIT_NOT_PERMITTED),
                row("refuses a forbidden organizational unit", TestPki.csr("O=Example Corp,OU=api,CN=web")
                        .dns("www.example.com").pem(), ORGANIZATIONAL_UNIT_FORBIDDEN),
                row("matches an exact DNS name regardless of case", TestPki.csr(CORP + "web")
                        .dns("WWW.Example.com").pem()),
                row("refuses a DNS name no pattern covers", TestPki.csr(CORP + "web").dns("example.com").pem(),
                        DNS_NAME_NOT_PERMITTED),
                row("lets * stand for exactly one label", TestPki.csr(CORP + "web").dns("shop.apps.example.com")
                        .pem()),
                row("refuses two labels where * stands for one", TestPki.csr(CORP + "web")
                        .dns("a.shop.apps.example.com").pem(), DNS_NAME_NOT_PERMITTED),
                row("refuses the bare domain of a * pattern", TestPki.csr(CORP + "web").dns("apps.example.com")
                        .pem(), DNS_NAME_NOT_PERMITTED),
                row("lets ** stand for one or more labels", TestPki.csr(CORP + "web")
                        .dns("my-svc.my-namespace.svc.cluster.local").dns("x.svc.cluster.local").pem()),
                row("refuses a wildcard name unless wildcards are allowed", TestPki.csr(CORP + "web")
                        .dns("*.apps.example.com").pem(), WILDCARD_NOT_PERMITTED),
                row("refuses a host name with an underscore", TestPki.csr(CORP + "web").dns("a_b.apps.example.com")
                        .pem(), DNS_NAME_NOT_PERMITTED),
                row("accepts IPv4 and IPv6 addresses inside the ranges", TestPki.csr(CORP + "web")
                        .ip("10.20.30.40").ip("2001:db8:1::5").pem()),
                row("refuses an IPv4 address outside the ranges", TestPki.csr(CORP + "web").ip("192.168.1.1")
                        .pem(), IP_ADDRESS_NOT_PERMITTED),
                row("refuses an IPv6 address outside the ranges", TestPki.csr(CORP + "web").ip("2001:db9::1")
                        .pem(), IP_ADDRESS_NOT_PERMITTED),
                row("refuses an email address", TestPki.csr(CORP + "web").dns("www.example.com")
                        .email("web@example.com").pem(), EMAIL_ADDRESS_NOT_PERMITTED),
                row("refuses a URI", TestPki.csr(CORP + "web").dns("www.example.com").uri("https://example.com/")
                        .pem(), URI_NOT_PERMITTED),
                row("refuses a request without any alternative name", TestPki.csr(CORP + "web").pem(),
                        ALTERNATIVE_NAME_REQUIRED),
                row("refuses a usage not allowed", TestPki.csr(CORP + "web").dns("www.example.com").pem(),
                        Set.of("server auth", "client auth"), USAGE_NOT_PERMITTED),
                row("refuses a request without the required usage", TestPki.csr(CORP + "web")
                        .dns("www.example.com").pem(), Set.of("digital signature"), USAGE_REQUIRED),
                row("refuses a request to be a CA", TestPki.csr(CORP + "web").dns("www.example.com").requestingCa()
                        .pem(), CA_NOT_PERMITTED),
                row("drops other requested extensions without complaint", TestPki.csr(CORP + "web")
                        .dns("www.example.com").requesting(Extension.issuerAlternativeName, false, new DERSequence())
                        .pem()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void judgesEveryDeclaredRule(String rule, String csr, Set<String> usages, List<Violation.Reason> expected) {
        List<Violation> violations = SERVING_POLICY.check(CertificationRequests.parsePem(csr), usages);

        assertEquals(expected, violations.stream().map(Violation::reason).toList(), violations.toString());
    }

    @Test
    void requiresTheDeclaredOrganizationalUnit() {
        SignerPolicy webOnly = new SignerPolicy(new SubjectRules(null, null,
                new AttributeRules(null, List.of(), List.of("web"))), AlternativeNameRules.ANY,
                new UsageRules(List.of("server auth"), List.of()), Lifetime.of(Duration.ofDays(1)), null, List.of());

        assertEquals(List.of(ORGANIZATIONAL_UNIT_REQUIRED), webOnly.check(CertificationRequests.parsePem(
                TestPki.csr("OU=ops,CN=web").pem()), Set.of("server auth")).stream().map(Violation::reason).toList());
        assertEquals(List.of(), webOnly.check(CertificationRequests.parsePem(TestPki.csr("OU=ops,OU=web,CN=web")
                .pem()), Set.of("server auth")));
    }

    @Test
    void anIntermediateCaProfileAcceptsARequestToBeACa() {
        SignerPolicy intermediate = new SignerPolicy(SubjectRules.ANY, AlternativeNameRules.NONE,
                new UsageRules(List.of("cert sign", "crl sign", "digital signature"), List.of("cert sign")),
                Lifetime.of(Duration.ofDays(365)), new IntermediateCa(0), List.of());

        assertEquals(List.of(), intermediate.problems());
        assertTrue(intermediate.issuesCaCertificates());
        assertEquals(List.of(), intermediate.check(CertificationRequests.parsePem(
                TestPki.fixture("ca-requested.csr")), Set.of("cert sign", "crl sign")));
    }

    @Test
    void grantsTheRequestedLifetimeUpToTheMaximumAndTheDefaultOtherwise() {
        Lifetime lifetime = SERVING_POLICY.lifetime();

        assertEquals(Duration.ofDays(30), lifetime.grantedFor(null));
        assertEquals(Duration.ofHours(1), lifetime.grantedFor(3600));
        assertEquals(Duration.ofDays(90), lifetime.grantedFor(Integer.MAX_VALUE));
    }

    @Test
    void honoursOnlyTheListedRequestedExtensions() {
        assertTrue(SERVING_POLICY.honours(new ASN1ObjectIdentifier(TLS_FEATURE)));
        assertFalse(SERVING_POLICY.honours(Extension.issuerAlternativeName));
    }

    @Test
    void aWellFormedPolicyHasNoProblems() {
        assertEquals(List.of(), SERVING_POLICY.problems());
    }

    static Stream<Arguments> brokenPolicies() {
        UsageRules serving = new UsageRules(List.of("server auth"), List.of());
        Lifetime day = Lifetime.of(Duration.ofDays(1));
        return Stream.of(
                broken("subject.commonName: not a regular expression",
                        new SignerPolicy(new SubjectRules("[a-", null, null), null, serving, day, null, null)),
                broken("subject.organizations: \"x\" is both required and forbidden", new SignerPolicy(
                        new SubjectRules(null, new AttributeRules(null, List.of("x"), List.of("x")), null), null,
                        serving, day, null, null)),
                broken("subject.organizationalUnits: \"x\" is required but not allowed", new SignerPolicy(
                        new SubjectRules(null, null, new AttributeRules(List.of("y"), null, List.of("x"))), null,
                        serving, day, null, null)),
                broken("subjectAlternativeNames.dnsNames: pattern \"a.*.example.com\"", policyWithNames(
                        new AlternativeNameRules(List.of("a.*.example.com"), null, false, false, false, false))),
                broken("subjectAlternativeNames.ipRanges: '10.0.0.1/8' has address bits set after its prefix",
                        policyWithNames(new AlternativeNameRules(null, List.of("10.0.0.1/8"), false, false, false,
                                false))),
                broken("subjectAlternativeNames.ipRanges: 'intranet' is not an IP address", policyWithNames(
                        new AlternativeNameRules(null, List.of("intranet"), false, false, false, false))),
                broken("subjectAlternativeNames: a name is required but no kind of name is permitted",
                        policyWithNames(new AlternativeNameRules(null, null, false, false, false, true))),
                broken("usages.allowed: a signer must allow at least one usage",
                        new SignerPolicy(null, null, new UsageRules(null, null), day, null, null)),
                broken("usages.allowed: \"server authentication\" is not a certificates.k8s.io/v1 usage",
                        new SignerPolicy(null, null, new UsageRules(List.of("server authentication"), null), day,
                                null, null)),
                broken("usages.required: \"client auth\" is required but not allowed", new SignerPolicy(null, null,
                        new UsageRules(List.of("server auth"), List.of("client auth")), day, null, null)),
                broken("usages.allowed: \"cert sign\" belongs to CA certificates", new SignerPolicy(null, null,
                        new UsageRules(List.of("cert sign"), null), day, null, null)),
                broken("usages.required: an intermediate-CA profile must require \"cert sign\"",
                        new SignerPolicy(null, null, serving, day, new IntermediateCa(0), null)),
                broken("intermediateCa.pathLength: must be 0 or more", new SignerPolicy(null, null,
                        new UsageRules(List.of("cert sign"), List.of("cert sign")), day, new IntermediateCa(-1),
                        null)),
                broken("lifetime: required", new SignerPolicy(null, null, serving, null, null, null)),
                broken("lifetime.maximum: PT5M is below the minimum of PT10M", new SignerPolicy(null, null, serving,
                        Lifetime.of(Duration.ofMinutes(5)), null, null)),
                broken("lifetime.default: PT48H must lie between", new SignerPolicy(null, null, serving,
                        new Lifetime(Duration.ofDays(1), Duration.ofDays(2)), null, null)),
                broken("honouredExtensions: \"must-staple\" is not an object identifier",
                        new SignerPolicy(null, null, serving, day, null, List.of("must-staple"))),
                broken("honouredExtensions: 2.5.29.19 is written by the profile and cannot be requested",
                        new SignerPolicy(null, null, serving, day, null, List.of("2.5.29.19"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPolicies")
    void explainsWhatIsWrongWithAPolicy(String problem, SignerPolicy policy) {
        List<String> problems = policy.problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(problem), problems.get(0));
    }

    private static SignerPolicy policyWithNames(AlternativeNameRules names) {
        return new SignerPolicy(null, names, new UsageRules(List.of("server auth"), null),
                Lifetime.of(Duration.ofDays(1)), null, null);
    }

    private static Arguments broken(String problem, SignerPolicy policy) {
        return Arguments.of(problem, policy);
    }

    private static Arguments row(String rule, String csr, Violation.Reason... expected) {
        return row(rule, csr, SERVING, expected);
    }

    private static Arguments row(String rule, String csr, Set<String> usages, Violation.Reason... expected) {
        return Arguments.of(rule, csr, usages, List.of(expected));
    }
}
