package io.certpipe.admin.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.operator.OperatorCreationException;

import io.certpipe.common.pki.CaLoadException;

/**
 * What the launcher wants of a home's PKI, one CA or leaf certificate a line, fields separated by tabs (names and
 * openssl-style lists hold spaces and commas, never tabs), in the order they are to be made:
 *
 * <pre>
 * ca    CERTIFICATE  SUBJECT
 * leaf  STEM         CA_CERTIFICATE  SUBJECT  EXTENDED_USAGES  [SUBJECT_ALT_NAMES]
 * </pre>
 *
 * Paths are relative to the home or absolute; a leaf is {@code STEM.crt} and {@code STEM.key}. The whole plan is read
 * and checked before anything is made, so a malformed line makes nothing.
 */
final class PkiPlan {

    private static final String SEPARATOR = "\t";

    /** One line of the plan, applied by {@link LocalPki}. */
    sealed interface Step {
        void apply(LocalPki pki) throws CaLoadException, GeneralSecurityException, IOException,
                OperatorCreationException;
    }

    record Ca(Path certificate, String subject) implements Step {
        @Override
        public void apply(LocalPki pki) throws CaLoadException, GeneralSecurityException, IOException,
                OperatorCreationException {
            pki.ensureCa(certificate, subject);
        }
    }

    record Leaf(Path stem, Path caCertificate, String subject, String usages, String alternativeNames)
            implements Step {
        @Override
        public void apply(LocalPki pki) throws CaLoadException, GeneralSecurityException, IOException,
                OperatorCreationException {
            pki.ensureLeaf(stem, caCertificate, subject, usages, alternativeNames);
        }
    }

    private PkiPlan() {
    }

    /**
     * The steps of the plan in {@code lines}, paths resolved against {@code home}; blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the first line that is not a step
     */
    static List<Step> read(BufferedReader lines, Path home) throws IOException {
        List<Step> steps = new ArrayList<>();
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(SEPARATOR, -1);
            switch (fields[0]) {
                case "ca" -> {
                    requireFields(fields, 3, 3, number, line);
                    steps.add(new Ca(home.resolve(fields[1]), fields[2]));
                }
                case "leaf" -> {
                    requireFields(fields, 5, 6, number, line);
                    steps.add(new Leaf(home.resolve(fields[1]), home.resolve(fields[2]), fields[3], fields[4],
                            fields.length == 6 ? fields[5] : ""));
                }
                default -> throw new IllegalArgumentException("plan line " + number + " is neither a ca nor a "
                        + "leaf: " + line);
            }
        }
        return steps;
    }

    private static void requireFields(String[] fields, int least, int most, int number, String line) {
        if (fields.length < least || fields.length > most) {
            throw new IllegalArgumentException("plan line " + number + ": a " + fields[0] + " has "
                    + (least == most ? least : least + " or " + most) + " tab-separated fields, not "
                    + fields.length + ": " + line);
        }
    }
}
