package org.edibatch.job.procurement;

import org.edibatch.procurement.PriceSeal;
import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;
import org.edibatch.signature.DemoPki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A demo PKI holding a key per sample vendor (BRNs of vendors.csv) and one unregistered vendor; the agency's
 * encryption credential is the demo PKI's keyEncipherment party, as a PKCS#12 the opening job is configured with.
 * The agencies AG-PPS and AG-SEOUL (BRNs of agencies.csv) sign tender notices.
 */
final class ProcurementFixture {

    final DemoPki pki;

    ProcurementFixture(Path dir, Instant now) throws Exception {
        pki = DemoPki.create(dir, now, List.of(
                new DemoPki.Party("V001", "1248100998", DemoPki.KeyType.RSA),
                new DemoPki.Party("V002", "2208712345", DemoPki.KeyType.RSA),
                new DemoPki.Party("V003", "1058134567", DemoPki.KeyType.EC),
                new DemoPki.Party("V004", "3148156789", DemoPki.KeyType.RSA),
                new DemoPki.Party("V005", "4108190123", DemoPki.KeyType.RSA),
                new DemoPki.Party("V006", "5068123450", DemoPki.KeyType.RSA),
                new DemoPki.Party("V009", "3018100009", DemoPki.KeyType.RSA),
                new DemoPki.Party("V777", "9990000001", DemoPki.KeyType.RSA),
                new DemoPki.Party("AG-PPS", "1048200001", DemoPki.KeyType.RSA),
                new DemoPki.Party("AG-SEOUL", "1048300002", DemoPki.KeyType.EC)));
    }

    Path agencyP12() {
        return pki.p12(DemoPki.ENCRYPTION_ONLY);
    }

    X509Certificate agencyCert() {
        return pki.credential(DemoPki.ENCRYPTION_ONLY).certificate();
    }

    byte[] seal(String tender, String vendor, long price) throws Exception {
        return PriceSeal.seal(ProcurementSamples.price(tender, vendor, price), pki.credential(vendor), agencyCert());
    }

    /** An XML bid signed (detached .p7s) by {@code signer}, or unsigned when signer is null; returns the bid bytes. */
    byte[] xmlBid(Path inbox, String file, String tender, String vendor, int p1, int p2, byte[] sealed, String signer)
            throws Exception {
        byte[] bytes = ProcurementSamples.bidXml("B-" + file.replace('.', '-'), "2026-11-28T09:00:00+09:00", tender,
                vendor, p1, p2, sealed);
        return write(inbox, file, bytes, signer == null ? null : pki.credential(signer));
    }

    byte[] edifactBid(Path inbox, String file, String tender, String vendor, int p1, int p2, byte[] sealed)
            throws Exception {
        byte[] bytes = ProcurementSamples.bidEdifact("CB0001", "KONEPS", "B-EDI-1", "202611280900", tender, vendor,
                p1, p2, sealed);
        return write(inbox, file, bytes, pki.credential(vendor));
    }

    /** A tender notice naming the agency's encryption certificate, signed by {@code signer} (null: unsigned). */
    byte[] notice(Path inbox, String file, String id, String issueDate, String agency, String kind, long baseAmount,
                  int rangePct, String deadline, String opening, String seed, String signer) throws Exception {
        byte[] bytes = ProcurementSamples.tender(id, issueDate, agency, kind, baseAmount, rangePct, deadline, opening,
                seed, agencyCert().getEncoded());
        return write(inbox, file, bytes, signer == null ? null : pki.credential(signer));
    }

    private static byte[] write(Path inbox, String file, byte[] bytes, Credential signer) throws Exception {
        Files.createDirectories(inbox);
        Path target = Files.write(inbox.resolve(file), bytes);
        if (signer != null) {
            new CmsSigner().sign(target, inbox.resolve(file + ".p7s"), signer, true);
        }
        return bytes;
    }
}
