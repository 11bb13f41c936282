package io.certpipe.common.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class SubjectNameTest {

    @Test
    void readsTheOneCommonNameAndEveryOrganizationInOrder() {
        SubjectName subject = SubjectName.read(new X500Name(
                "CN=system:node:n1,O=system:nodes,O=edge,OU=racks+OU=rack-7"));

        assertEquals("system:node:n1", subject.commonName());
        assertEquals(List.of("system:nodes", "edge"), subject.organizations());
        assertEquals(List.of("racks", "rack-7"), subject.organizationalUnits());
    }

    @Test
    void readsValuesAsWrittenNotAsEscapedText() {
        SubjectName subject = SubjectName.read(new X500Name("CN=dev\\, ops,O=a\\+b,O=\\#1"));

        assertEquals("dev, ops", subject.commonName());
        assertEquals(List.of("a+b", "#1"), subject.organizations());
    }

    @Test
    void aSubjectWithoutCommonNameHasAnEmptyOne() {
        assertEquals("", SubjectName.read(new X500Name("O=system:masters")).commonName());
    }

    @Test
    void refusesMoreThanOneCommonNameWhereverTheyStand() {
        for (String twoUsers : List.of("CN=system:node:n1,O=system:nodes,CN=alice", "CN=alice,CN=alice")) {
            AmbiguousSubjectException refused = assertThrows(AmbiguousSubjectException.class,
                    () -> SubjectName.read(new X500Name(twoUsers)), twoUsers);
            assertTrue(refused.getMessage().contains("2 common names"), refused.getMessage());
        }
    }

    @Test
    void refusesACommonNameOrOrganizationInAMultiValuedRdn() {
        for (String multiValued : List.of("CN=alice+O=system:masters", "O=system:nodes+OU=edge,CN=system:node:n1",
                "CN=system:node:n1+UID=n1,O=system:nodes")) {
            AmbiguousSubjectException refused = assertThrows(AmbiguousSubjectException.class,
                    () -> SubjectName.read(new X500Name(multiValued)), multiValued);
            assertTrue(refused.getMessage().contains("multi-valued RDN"), refused.getMessage());
        }
    }

    @Test
    void refusesACommonNameOrOrganizationThatIsNotAString() {
        X500Name numericCommonName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, new ASN1Integer(7))
                .build();
        X500Name universalOrganization = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "alice")
                .addRDN(BCStyle.O, new DERUniversalString(new byte[] {0, 0, 0, 'x'})).build();

        for (X500Name unreadable : List.of(numericCommonName, universalOrganization)) {
            AmbiguousSubjectException refused = assertThrows(AmbiguousSubjectException.class,
                    () -> SubjectName.read(unreadable), unreadable.toString());
            assertTrue(refused.getMessage().contains("not as a string"), refused.getMessage());
        }
    }
}
