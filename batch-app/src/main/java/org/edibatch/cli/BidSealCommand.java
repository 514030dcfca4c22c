package org.edibatch.cli;

import org.edibatch.procurement.PriceSeal;
import org.edibatch.procurement.ProcurementFormatException;
import org.edibatch.procurement.SignedDelivery;
import org.edibatch.procurement.TenderNotice;
import org.edibatch.run.ExitCodes;
import org.edibatch.schemas.ProcurementDocuments;
import org.edibatch.signature.Credential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The bidder's side: the price document signed by the vendor and sealed to the agency's encryption certificate
 * (PriceSeal, as the tests' bids are), wrapped in an XML Tender or an EDIFACT CONTEN, the file signed with a
 * detached NAME.p7s. Needs neither Spring nor the database. Picks are written as given: {@code bid verify} is
 * where a bidder learns whether intake would accept them.
 */
@Command(name = "seal", description = "write a sealed bid signed by the vendor (XML or EDIFACT CONTEN)")
public class BidSealCommand implements Callable<Integer> {

    private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "P12", description = "the vendor's signing key store (PKCS#12)")
    Path p12;

    @Parameters(index = "1", paramLabel = "PASSWORD", description = "its password")
    String password;

    @Option(names = "--bidder", paramLabel = "ID", required = true, description = "the vendor id (vendors.csv)")
    String bidder;

    @Option(names = "--price", paramLabel = "KRW", required = true, description = "the bid price in whole won")
    long price;

    @Option(names = "--picks", paramLabel = "N,N", required = true, split = ",",
            description = "two preliminary price numbers, 1 to 15")
    List<Integer> picks;

    @Option(names = "--notice", paramLabel = "FILE", description = "the tender notice: its id and encryption certificate")
    Path notice;

    @Option(names = "--agency-cert", paramLabel = "FILE", description = "the agency's encryption certificate instead")
    Path agencyCert;

    @Option(names = "--tender", paramLabel = "ID", description = "the tender id (default: the notice's)")
    String tender;

    @Option(names = "--format", paramLabel = "FORMAT", description = "XML (default) or EDIFACT")
    String format;

    @Option(names = "--to", paramLabel = "DIR", description = "default: the bids inbox of EDIBATCH_HOME (./var)")
    Path to;

    @Option(names = "--name", paramLabel = "FILE", description = "the file name (default BIDDER-TENDER.xml or .edi)")
    String name;

    Clock clock = Clock.system(KOREA);

    @Override
    public Integer call() throws Exception {
        String command = spec.qualifiedName(" ");
        Credential key = ArgumentFiles.keyStore(spec, p12, password);
        X509Certificate sealTo = ProcurementTools.agencyCertificate(spec, notice, agencyCert);
        String tenderId = tenderId(command);
        if (picks.size() != 2) {
            throw CommandFailure.refused(command, "--picks takes two numbers, e.g. --picks=3,7");
        }
        boolean edifact = format != null && format.equalsIgnoreCase("EDIFACT");
        if (format != null && !edifact && !format.equalsIgnoreCase("XML")) {
            throw CommandFailure.refused(command, "--format is XML or EDIFACT, not " + format);
        }
        byte[] sealed = PriceSeal.seal(ProcurementDocuments.price(tenderId, bidder, price), key, sealTo);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String ref = "B-" + tenderId + "-" + bidder;
        String bidRef = ref.length() > 35 ? ref.substring(0, 35) : ref; // an..35 in both formats
        byte[] bid = edifact
                ? ProcurementDocuments.bidEdifact("S" + DateTimeFormatter.ofPattern("yyMMddHHmmss").format(now), "KONEPS",
                bidRef, DateTimeFormatter.ofPattern("yyyyMMddHHmm").format(now), tenderId, bidder, picks.get(0),
                picks.get(1), sealed)
                : ProcurementDocuments.bidXml(bidRef, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.withNano(0)),
                tenderId, bidder, picks.get(0), picks.get(1), sealed);
        Path folder = to != null ? to : ProcurementTools.home().resolve("procurement/bids-inbox");
        ArgumentFiles.folderToWrite(spec, "--to", folder);
        String file = name != null ? name : bidder + "-" + tenderId + (edifact ? ".edi" : ".xml");
        if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw CommandFailure.refused(command, "--name " + file + " must be a plain file name");
        }
        Path written = SignedDelivery.write(bid, key, folder, file);
        spec.commandLine().getOut().println("sealed bid " + written + " (+ .p7s): tender " + tenderId + ", bidder "
                + bidder + ", picks " + picks.get(0) + "," + picks.get(1) + ", sealed to "
                + sealTo.getSubjectX500Principal());
        return ExitCodes.OK;
    }

    private String tenderId(String command) {
        if (notice == null) {
            if (tender == null) {
                throw CommandFailure.refused(command, "--agency-cert needs --tender");
            }
            return tender;
        }
        try {
            String id = TenderNotice.parse(ProcurementTools.notice(spec, notice)).tenderId();
            if (tender != null && !tender.equals(id)) {
                throw CommandFailure.refused(command, "--tender " + tender + " is not the notice's tender " + id);
            }
            return id;
        } catch (ProcurementFormatException e) {
            throw CommandFailure.refused(command, "--notice " + notice + ": " + e.getMessage(), e);
        }
    }
}
