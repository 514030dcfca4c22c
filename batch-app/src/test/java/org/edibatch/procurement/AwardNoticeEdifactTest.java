package org.edibatch.procurement;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import org.edibatch.schemas.MessageSchemas;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class AwardNoticeEdifactTest {

    private static List<AwardNoticeXml.Band> bands() {
        List<AwardNoticeXml.Band> b = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            b.add(new AwardNoticeXml.Band(i, BigDecimal.valueOf(990_000 + i * 1_000L), i == 3 ? 2 : 0, i <= 4));
        }
        return b;
    }

    private static AwardNoticeXml.Line line(String vendor, long bid, String outcome, String code, String price,
                                            Integer rank, String score) {
        return new AwardNoticeXml.Line(vendor, BidRepository.receiptNo(bid), outcome, code,
                price == null ? null : new BigDecimal(price), rank, score == null ? null : "PASSED",
                null, null, score == null ? null : new BigDecimal(score), "EDIFACT", "B+REF:" + bid);
    }

    public static final AwardNoticeXml.Notice FAILED = new AwardNoticeXml.Notice("T2026-0009", "AG-PPS",
            Instant.parse("2026-11-28T01:00:00Z"), "seed:with+separators'", new BigDecimal("89.745"), bands(),
            new BigDecimal("1000000"), new BigDecimal("897450"), "FAILED", null, null, "F12", new BigDecimal("95.00"),
            "T2026-0009-R1", List.of(line("V001", 7, "ELIGIBLE", "Q01", "900000", 1, "94.99"),
            line("V003", 8, "UNOPENABLE", "O10", null, null, null)));

    /** What StAEDI finds wrong with an award notice read against its guide. */
    public static List<String> errors(byte[] edi) throws Exception {
        List<String> errors = new ArrayList<>();
        EDIInputFactory f = EDIInputFactory.newFactory();
        try (EDIStreamReader r = f.createEDIStreamReader(new ByteArrayInputStream(edi), "ISO-8859-1")) {
            while (r.hasNext()) {
                EDIStreamEvent e = r.next();
                if (e == EDIStreamEvent.START_TRANSACTION) {
                    r.setTransactionSchema(MessageSchemas.forType(MessageSchemas.AWARD_NOTICE));
                }
                if (e.name().endsWith("_ERROR")) {
                    errors.add(e + " " + r.getErrorType() + " at " + r.getLocation());
                }
            }
        }
        return errors;
    }

    @Test
    void aFailedTendersNoticeFollowsTheGuide() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AwardNoticeEdifact.write(out, FAILED, "V003", 8, "KONEPS", ZoneId.of("Asia/Seoul"));
        byte[] edi = out.toByteArray();
        String text = new String(edi, StandardCharsets.ISO_8859_1);
        assertThat(errors(edi)).isEmpty();
        assertThat(text).startsWith("UNB").contains("UNB+UNOC:3+KONEPS+V003+261128:1000+AW0000000008'")
                .contains("BGM+23+T2026-0009+27'")
                .contains("DTM+137:202611281000:203'")
                .contains("FTX+ZZZ+++RESULT:FAILED:F12:T2026-0009-R1'")
                .contains("FTX+ZZZ+++RESERVE:1000000:897450:89.745:95.00'")
                .contains("FTX+ZZZ+++SEED:seed?:with?+separators?''")
                .contains("RFF+AGO:R0000000008'").contains("RFF+ACW:B?+REF?:8'")
                .contains("ERC+F12'")
                .contains("ERC+PP'FTX+ZZZ+++3:993000:2:Y'")
                .contains("ERC+Q01'FTX+ZZZ+++V001:R0000000007:900000:1:94.99'")
                .contains("ERC+O10'FTX+ZZZ+++V003:R0000000008'")
                .doesNotContain("WINNER");
    }

    /** An awarded tender of two bids, V001 winning. */
    public static AwardNoticeXml.Notice won() {
        return new AwardNoticeXml.Notice("T1", "AG", FAILED.openedAt(), "abc",
                FAILED.lowerLimitRate(), bands(), FAILED.reservePrice(), FAILED.lowerLimitAmount(), "AWARDED", "V001",
                new BigDecimal("900000"), null, new BigDecimal("95.00"), null,
                List.of(line("V001", 7, "ELIGIBLE", null, "900000", 1, "96.00"),
                        line("V002", 9, "ELIGIBLE", null, "910000", 2, null)));
    }

    @Test
    void theWinnerIsToldWith29() throws Exception {
        AwardNoticeXml.Notice won = won();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AwardNoticeEdifact.write(out, won, "V001", 7, "KONEPS", ZoneId.of("Asia/Seoul"));
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(errors(out.toByteArray())).isEmpty();
        assertThat(text).contains("BGM+23+T1+29'").contains("FTX+ZZZ+++WINNER:V001:900000'")
                .contains("ERC+AWD'FTX+ZZZ+++V001:R0000000007:900000:1:96.00'")
                .contains("ERC+ELG'FTX+ZZZ+++V002:R0000000009:910000:2'");
    }

    @Test
    void aNoticeBreakingTheGuideIsCaughtByTheSchema() throws Exception {
        // the validation above can fail: a BGM with a message function the guide does not allow
        String bad = "UNB+UNOC:3+KONEPS+V1+261128:1000+AW1'UNH+1+APERAK:D:96B:UN'BGM+23+T1+9'UNT+3+1'UNZ+1+AW1'";
        assertThat(errors(bad.getBytes(StandardCharsets.ISO_8859_1))).isNotEmpty();
    }

    @Test
    void everyCodesTextFitsTheFreeTextOfAnAnswer() {
        // receipts and notices write a code's text in FTX 4440 (an..70, five components): B60's is 72 characters
        for (ProcurementCode code : ProcurementCode.values()) {
            String[] parts = AwardNoticeEdifact.chunks(code.text());
            assertThat(parts).as(code.name()).allMatch(p -> p.length() <= 70);
            assertThat(String.join("", parts)).as(code.name()).isEqualTo(code.text());
        }
    }
}
