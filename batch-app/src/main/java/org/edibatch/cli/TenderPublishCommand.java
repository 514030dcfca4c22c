package org.edibatch.cli;

import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.TenderNotice;
import org.edibatch.procurement.TenderNotices;
import org.edibatch.run.ExitCodes;
import org.edibatch.schemas.ProcurementDocuments;
import org.edibatch.signature.Credential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The agency's side: a tender notice, from its terms or an existing notice file (a re-tender notice), with the
 * certificate bidders seal to, signed (detached NAME.p7s) by the agency's key. Needs neither Spring nor the database.
 */
@Command(name = "publish", description = "write a tender notice signed by the agency (from its terms or --notice)")
public class TenderPublishCommand implements Callable<Integer> {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "P12", description = "the agency's signing key store (PKCS#12)")
    Path p12;

    @Parameters(index = "1", paramLabel = "PASSWORD", description = "its password")
    String password;

    @Option(names = "--notice", paramLabel = "FILE", description = "publish this notice (e.g. a re-tender notice)")
    Path notice;

    @Option(names = "--encryption-cert", paramLabel = "FILE",
            description = "the certificate bidders seal to (PEM or DER); needed unless the notice names one")
    Path encryptionCert;

    @Option(names = "--id", paramLabel = "ID", description = "the tender id")
    String id;

    @Option(names = "--agency", paramLabel = "ID", description = "the contracting agency's id (agencies.csv)")
    String agency;

    @Option(names = "--title", paramLabel = "TEXT")
    String title;

    @Option(names = "--kind", paramLabel = "KIND", description = "CONSTRUCTION or SERVICES")
    String kind;

    @Option(names = "--base-amount", paramLabel = "KRW", description = "the base amount in whole won")
    Long baseAmount;

    @Option(names = "--range", paramLabel = "PCT", description = "preliminary price range, 2 or 3 (default 2)")
    Integer range;

    @Option(names = "--issue-date", paramLabel = "DATE", description = "default: today in Korea (Asia/Seoul)")
    LocalDate issueDate;

    @Option(names = "--deadline", paramLabel = "ISO", description = "bid deadline with offset, e.g. 2026-12-10T10:00+09:00")
    OffsetDateTime deadline;

    @Option(names = "--opening", paramLabel = "ISO", description = "opening time with offset")
    OffsetDateTime opening;

    @Option(names = "--to", paramLabel = "DIR", description = "default: the tenders inbox of EDIBATCH_HOME (./var)")
    Path to;

    @Override
    public Integer call() throws Exception {
        String command = spec.qualifiedName(" ");
        Credential key = ArgumentFiles.keyStore(spec, p12, password);
        X509Certificate encryption = encryptionCert == null ? null
                : ProcurementTools.certificate(spec, "--encryption-cert", encryptionCert);
        byte[] bytes = notice != null ? fromFile(command, encryption) : fromTerms(command, encryption);
        TenderNotice parsed;
        try {
            parsed = TenderNotice.parse(bytes);
        } catch (ProcurementFormatException e) {
            throw CommandFailure.refused(command, e.code() + " " + e.code().text() + " " + e.getMessage());
        }
        Path folder = to != null ? to : ProcurementTools.home().resolve("procurement/tenders-inbox");
        ArgumentFiles.folderToWrite(spec, "--to", folder);
        Path written = TenderNotices.publish(bytes, key, folder, parsed.tenderId() + ".xml");
        X509Certificate sealTo = TenderNotices.encryptionCertificate(bytes).orElseThrow();
        spec.commandLine().getOut().println("published " + written + " (+ .p7s) for " + parsed.agencyId()
                + ", signed by " + key.certificate().getSubjectX500Principal()
                + "; bidders seal to " + sealTo.getSubjectX500Principal());
        return ExitCodes.OK;
    }

    private byte[] fromFile(String command, X509Certificate encryption) throws Exception {
        List<String> terms = givenTerms();
        if (!terms.isEmpty()) {
            throw CommandFailure.refused(command, "--notice takes the terms from the file: drop " + String.join(", ", terms));
        }
        byte[] existing = ProcurementTools.notice(spec, notice);
        Optional<X509Certificate> named = TenderNotices.encryptionCertificate(existing);
        if (encryption == null) {
            if (named.isEmpty()) {
                throw CommandFailure.refused(command, "--notice " + notice
                        + " names no EncryptionCertificate: give --encryption-cert");
            }
            return existing;
        }
        return TenderNotices.withEncryptionCertificate(existing, encryption);
    }

    private byte[] fromTerms(String command, X509Certificate encryption) throws CertificateEncodingException {
        List<String> missing = new ArrayList<>();
        if (id == null) {
            missing.add("--id");
        }
        if (agency == null) {
            missing.add("--agency");
        }
        if (title == null) {
            missing.add("--title");
        }
        if (kind == null) {
            missing.add("--kind");
        }
        if (baseAmount == null) {
            missing.add("--base-amount");
        }
        if (deadline == null) {
            missing.add("--deadline");
        }
        if (opening == null) {
            missing.add("--opening");
        }
        if (encryption == null) {
            missing.add("--encryption-cert");
        }
        if (!missing.isEmpty()) {
            throw CommandFailure.refused(command, "without --notice, give " + String.join(", ", missing));
        }
        LocalDate issued = issueDate != null ? issueDate : LocalDate.now(ZoneId.of("Asia/Seoul"));
        return ProcurementDocuments.tender(new ProcurementDocuments.Tender(id, issued.toString(), agency, title, kind,
                baseAmount, range == null ? 2 : range, ISO.format(deadline), ISO.format(opening), encryption.getEncoded(),
                null));
    }

    private List<String> givenTerms() {
        List<String> given = new ArrayList<>();
        Object[][] options = {{"--id", id}, {"--agency", agency}, {"--title", title}, {"--kind", kind},
                {"--base-amount", baseAmount}, {"--range", range}, {"--issue-date", issueDate},
                {"--deadline", deadline}, {"--opening", opening}};
        for (Object[] o : options) {
            if (o[1] != null) {
                given.add((String) o[0]);
            }
        }
        return given;
    }
}
