package org.edibatch.bench;

import org.edibatch.procurement.PriceSeal;
import org.edibatch.procurement.TenderNotices;
import org.edibatch.samples.procurement.ProcurementSamples;
import org.edibatch.signature.CmsSigner;
import org.edibatch.signature.Credential;
import org.edibatch.signature.DemoPki;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The input of scripts/bench-procurement.sh: a demo PKI with one key per benchmark vendor, T tender notices
 * (construction, KRW 500M, closing and opening at 10:00 KST on 2026-11-28) and B signed bids spread evenly over
 * them, each vendor bidding once per tender, every tenth in EDIFACT; plus the vendor registry and qualification
 * points of the benchmark vendors, as reference files that the run puts first on its class path.
 *
 * <pre>ProcurementLoad OUT TENDERS BIDS [SEED]</pre>
 */
public final class ProcurementLoad {

    private static final long BASE = 500_000_000L;

    private ProcurementLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int tenders = Integer.parseInt(args[1]);
        int bids = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261128L;
        int perTender = (bids + tenders - 1) / tenders;
        Instant now = Instant.parse("2026-11-27T00:00:00Z");

        List<DemoPki.Party> parties = new ArrayList<>();
        StringBuilder vendors = new StringBuilder("vendor_id,name,brn,status,debarred_from,debarred_to,valid_from\n");
        StringBuilder points = new StringBuilder("vendor_id,contract_kind,valid_from,valid_to,non_price_points\n");
        for (int v = 1; v <= perTender; v++) {
            String id = String.format("BV%04d", v);
            String brn = String.format("77%08d", v);
            parties.add(new DemoPki.Party(id, brn, DemoPki.KeyType.RSA));
            vendors.append(id).append(",Bench vendor ").append(v).append(',').append(brn).append(",ACTIVE,,,2020-01-01\n");
            // 25.00 to 30.00 points: some candidates fail the review and the next one is screened
            points.append(id).append(",CONSTRUCTION,2020-01-01,9999-12-31,")
                    .append(new BigDecimal(2500 + (v * 37) % 501).movePointLeft(2).toPlainString()).append('\n');
        }
        parties.add(new DemoPki.Party("AG-BENCH", "7799999999", DemoPki.KeyType.RSA)); // signs the notices
        DemoPki pki = DemoPki.create(out.resolve("pki"), now, parties);
        Path reference = Files.createDirectories(out.resolve("reference-override/edi-schemas/reference"));
        Files.writeString(reference.resolve("vendors.csv"), vendors, StandardCharsets.UTF_8);
        Files.writeString(reference.resolve("vendor-qualification.csv"), points, StandardCharsets.UTF_8);
        Files.writeString(reference.resolve("agencies.csv"), "agency_id,name,brn,valid_from\n"
                + "AG-BENCH,Bench agency,7799999999,2020-01-01\n", StandardCharsets.UTF_8);

        Path tenderInbox = Files.createDirectories(out.resolve("home/procurement/tenders-inbox"));
        Path bidInbox = Files.createDirectories(out.resolve("home/procurement/bids-inbox"));
        for (int t = 1; t <= tenders; t++) {
            String id = String.format("TB%05d", t);
            TenderNotices.publish(ProcurementSamples.tender(id, "2026-11-20", "AG-BENCH", "CONSTRUCTION", BASE, 2,
                    "2026-11-28T10:00:00+09:00", "2026-11-28T10:00:00+09:00", "SEED-" + id),
                    pki.credential("AG-BENCH"), tenderInbox, id + ".xml");
        }
        X509Certificate agency = pki.credential(DemoPki.ENCRYPTION_ONLY).certificate();
        List<Credential> keys = parties.stream().map(p -> pki.credential(p.alias())).toList();
        IntStream.range(0, bids).parallel().forEach(i -> {
            try {
                int t = 1 + i / perTender;
                int v = i % perTender;
                String tender = String.format("TB%05d", t);
                String vendor = parties.get(v).alias();
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
                // 87% to 93% of the base amount: most bids near the lower limit, some below it or above the reserve
                long price = BASE * 87 / 100 + r.nextLong(BASE * 6 / 100);
                int p1 = 1 + r.nextInt(15);
                int p2 = 1 + (p1 + r.nextInt(14)) % 15;
                byte[] sealed = PriceSeal.seal(ProcurementSamples.price(tender, vendor, price), keys.get(v), agency);
                String name = String.format("b%06d-%s", i, vendor);
                Path file;
                if (i % 10 == 9) {
                    file = Files.write(bidInbox.resolve(name + ".edi"), ProcurementSamples.bidEdifact(
                            String.format("C%08d", i), "KONEPS", "B" + i, "202611280900", tender, vendor, p1, p2, sealed));
                } else {
                    file = Files.write(bidInbox.resolve(name + ".xml"), ProcurementSamples.bidXml("B" + i,
                            "2026-11-28T09:00:00+09:00", tender, vendor, p1, p2, sealed));
                }
                new CmsSigner().sign(file, file.resolveSibling(file.getFileName() + ".p7s"), keys.get(v), true);
            } catch (Exception e) {
                throw new IllegalStateException("bid " + i, e);
            }
        });
        System.out.println("tenders=" + tenders + " bids=" + bids + " perTender=" + perTender);
    }
}
