package org.edibatch.cli;

import org.edibatch.procurement.BidDocument;
import org.edibatch.procurement.BidRepository;
import org.edibatch.procurement.BidRules;
import org.edibatch.procurement.PriceSeal;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.TenderNotice;
import org.edibatch.run.ExitCodes;
import org.edibatch.schemas.ReferenceFiles;
import org.edibatch.signature.CmsVerifier;
import org.edibatch.signature.SubReason;
import org.edibatch.signature.TrustConfig;
import org.edibatch.signature.TrustStore;
import org.edibatch.signature.VerificationOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A vendor's check of its own bid file before sending it, by the intake's own rules (BidRules) and codes: outer
 * signature against the trust store (validity, revocation), format, vendor registration and binding, the
 * tender's id and deadline (with --notice), picks, and whether the seal is addressed to the agency's certificate
 * (O10 at opening otherwise). Only a second bid of the same vendor (B50) cannot be known here.
 */
@Command(name = "verify", description = "check a bid file as intake would: each finding with its code (exit 0 or 2)")
public class BidVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the bid file (its signature FILE.p7s beside it)")
    Path file;

    @Option(names = "--notice", paramLabel = "FILE", description = "the tender notice: id, deadline, encryption certificate")
    Path notice;

    @Option(names = "--agency-cert", paramLabel = "FILE", description = "the agency's encryption certificate instead")
    Path agencyCert;

    @Option(names = "--pki", paramLabel = "DIR", description = "trust anchors in DIR/trust, CRLs in DIR/crl "
            + "(default: EDIBATCH_HOME/pki, as the application)")
    Path pki;

    @Option(names = "--at", paramLabel = "ISO", description = "the time of receipt to judge by (default: now)")
    Instant at;

    Clock clock = Clock.system(ZoneId.of("Asia/Seoul"));

    @Override
    public Integer call() throws Exception {
        String command = spec.qualifiedName(" ");
        ArgumentFiles.readableFile(spec, "FILE", file);
        TrustStore trust = trust(command);
        X509Certificate sealTo = notice == null && agencyCert == null ? null
                : ProcurementTools.agencyCertificate(spec, notice, agencyCert);
        TenderNotice tender = null;
        if (notice != null) {
            tender = TenderNotice.parse(ProcurementTools.notice(spec, notice));
        }
        Instant now = at != null ? at : clock.instant();
        PrintWriter out = spec.commandLine().getOut();

        Path p7s = file.resolveSibling(file.getFileName() + ".p7s");
        VerificationOutcome outcome = Files.exists(p7s) ? new CmsVerifier(trust).verifyDetached(file, p7s, now)
                : VerificationOutcome.of(SubReason.MISSING_SIGNATURE, "no " + p7s.getFileName());
        if (outcome.isPassed()) {
            out.println("signature: verified, signed by " + outcome.signerSubject() + " (BRN " + outcome.signerBrn() + ")");
        }
        List<BidRules.Finding> findings = new ArrayList<>();
        BidDocument bid;
        try {
            bid = BidDocument.parse(Files.readAllBytes(file));
        } catch (ProcurementFormatException e) {
            bid = null;
            findings.add(new BidRules.Finding(e.code(), e.getMessage()));
            if (!outcome.isPassed()) {
                findings.add(0, new BidRules.Finding(outcome.subReason() == SubReason.MISSING_SIGNATURE
                        ? ProcurementCode.B30 : ProcurementCode.B31, outcome.subReason().name()));
            }
        }
        if (bid != null) {
            out.println("bid: " + bid.format() + ", tender " + bid.tenderId() + ", bidder " + bid.bidderId()
                    + ", picks " + bid.pick1() + "," + bid.pick2());
            Optional<BidRules.Tender> known = null;
            if (tender != null) {
                known = tender.tenderId().equals(bid.tenderId())
                        ? Optional.of(new BidRules.Tender(true, tender.bidDeadline())) : Optional.empty();
            }
            findings.addAll(BidRules.check(bid, outcome, vendor(bid.bidderId()), known, now,
                    LocalDate.ofInstant(now, clock.getZone()), () -> false, true));
            if (sealTo != null && !PriceSeal.addressedTo(bid.sealedPrice(), sealTo)) {
                findings.add(new BidRules.Finding(ProcurementCode.O10, "not sealed to "
                        + sealTo.getSubjectX500Principal()));
            }
        }
        for (BidRules.Finding f : findings) {
            out.println(f.code() + " " + f.text());
        }
        if (findings.isEmpty()) {
            out.println(file + ": the intake would accept it"
                    + (tender == null ? " (tender and deadline not checked: give --notice)" : ""));
            return ExitCodes.OK;
        }
        out.println(file + ": " + findings.size() + " finding(s): the intake would refuse it with "
                + findings.get(0).code());
        return ExitCodes.DONE_WITH_REJECTIONS;
    }

    private TrustStore trust(String command) {
        Path dir = pki != null ? pki : ProcurementTools.home().resolve("pki");
        ArgumentFiles.readableFolder(spec, "--pki", dir);
        try {
            return TrustStore.load(new TrustConfig(dir.resolve("trust"), dir.resolve("crl")));
        } catch (IOException | RuntimeException e) {
            throw CommandFailure.refused(command, "--pki " + dir + ": no usable trust anchors and CRLs ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The vendor registry shipped with the application (the one intake loads). */
    private static Optional<BidRepository.Vendor> vendor(String id) {
        for (Map<String, String> r : ReferenceFiles.load("vendors").rows()) {
            if (r.get("vendor_id").equals(id)) {
                return Optional.of(new BidRepository.Vendor(id, r.get("brn"), r.get("status"),
                        r.get("debarred_from").isEmpty() ? null : LocalDate.parse(r.get("debarred_from")),
                        r.get("debarred_to").isEmpty() ? null : LocalDate.parse(r.get("debarred_to"))));
            }
        }
        return Optional.empty();
    }
}
