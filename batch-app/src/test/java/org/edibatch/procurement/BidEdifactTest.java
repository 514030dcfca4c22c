package org.edibatch.procurement;

import org.edibatch.schemas.ProcurementDocuments;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EDIFACT bid of guide KONEPS-CONTEN-1, written by the bidder's tool and read by intake. */
class BidEdifactTest {

    private static byte[] seal(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    private static byte[] bid(byte[] seal) {
        return ProcurementDocuments.bidEdifact("CB0001", "KONEPS", "B-EDI-1", "202611280900", "T2026-0001", "V001",
                3, 7, seal);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSealCrossesAsManyGroupsAsItNeedsAndComesBackWhole() throws Exception {
        // 1,260 bytes fill the first group (PICKS and nine SEAL); one more byte opens a second group
        for (int length : new int[]{1, 140, 1260, 1261, 2600, 4000, ProcurementDocuments.MAX_SEAL_BYTES}) {
            byte[] seal = seal(length);
            byte[] edi = bid(seal);
            BidDocument d = BidEdifact.parse(edi);
            assertThat(d.sealedPrice()).as("seal of %d bytes", length).isEqualTo(seal);
            assertThat(d).extracting(BidDocument::bidRef, BidDocument::tenderId, BidDocument::bidderId,
                    BidDocument::pick1, BidDocument::pick2, BidDocument::controlRef, BidDocument::format)
                    .containsExactly("B-EDI-1", "T2026-0001", "V001", 3, 7, "CB0001", "EDIFACT");
            int seals = (length * 2 + 279) / 280;
            int groups = seals <= 9 ? 1 : 1 + (seals - 9 + 9) / 10;
            assertThat(text(edi).split("ARD\\+3'", -1)).as("group 10 repetitions").hasSize(1 + groups);
            for (String segment : text(edi).split("'")) {
                for (String component : segment.split("[+:]")) {
                    assertThat(component.length()).as(segment.substring(0, 3)).isLessThanOrEqualTo(70);
                }
            }
        }
    }

    @Test
    void theMessageIsLaidOutAsTheGuideSays() throws Exception {
        String edi = text(bid(seal(160)));
        String hex = java.util.HexFormat.of().withUpperCase().formatHex(seal(160));
        assertThat(edi).isEqualTo("UNB+UNOC:3+V001+KONEPS+261128:0900+CB0001'UNH+1+CONTEN:D:96B:UN'"
                + "BGM+209+B-EDI-1+9'RFF+CT:T2026-0001'DTM+137:202611280900:203'BII+1+1'RCS+1'GIS+37'"
                + "ARD+3'MOA+86'FTX+ZZZ+++PICKS:3:7'"
                + "FTX+ZZZ+++SEAL:" + hex.substring(0, 70) + ":" + hex.substring(70, 140) + ":" + hex.substring(140, 210)
                + ":" + hex.substring(210, 280) + "'"
                + "FTX+ZZZ+++SEAL:" + hex.substring(280) + "'NAD+SU+V001::ZZZ'UNS+D'BII+1+1'RCS+1'GIS+37'QTY+1:1'"
                + "UNT+19+1'UNZ+1+CB0001'");
    }

    @Test
    void idsWithServiceCharactersAreReleasedAndReadBack() throws Exception {
        byte[] edi = ProcurementDocuments.bidEdifact("CB0002", "KONEPS", "B?1+2:3'4", "202611280900", "T+1:2",
                "V001", 1, 15, seal(10));
        assertThat(text(edi)).contains("BGM+209+B??1?+2?:3?'4+9'", "RFF+CT:T?+1?:2'");
        BidDocument d = BidEdifact.parse(edi);
        assertThat(d.bidRef()).isEqualTo("B?1+2:3'4");
        assertThat(d.tenderId()).isEqualTo("T+1:2");
    }

    @Test
    void aSealTooLongForTheMessageIsNotWritten() {
        assertThatThrownBy(() -> bid(seal(ProcurementDocuments.MAX_SEAL_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    /** A bid that breaks the guide is unreadable: B01, with where. */
    private static void refused(String edi, String why) {
        assertThatThrownBy(() -> BidEdifact.parse(edi.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(ProcurementFormatException.class)
                .satisfies(e -> assertThat(((ProcurementFormatException) e).code()).isEqualTo(ProcurementCode.B01))
                .hasMessageContaining(why);
    }

    @Test
    void whatIsNotTheGuideIsRefused() {
        String good = text(bid(seal(100)));
        String hex = java.util.HexFormat.of().withUpperCase().formatHex(seal(100));
        assertThat(good).contains("UNT+18+1'");
        // the layout before guide KONEPS-CONTEN-1: FTX after NAD, SEAL components of 512 characters
        refused("UNB+UNOC:3+V001+KONEPS+261128:0900+CB0001'UNH+1+CONTEN:D:96B:UN'BGM+ZZZ+B-EDI-1+9'"
                + "DTM+137:202611280900:203'RFF+CT:T2026-0001'NAD+SU+V001::ZZZ'FTX+ZZZ+++PICKS:3:7'"
                + "FTX+ZZZ+++SEAL:" + hex + "'UNT+8+1'UNZ+1+CB0001'", "not per guide");
        // a component longer than D96B's an..70
        refused(good.replace("SEAL:" + hex.substring(0, 70) + ":" + hex.substring(70, 140),
                "SEAL:" + hex.substring(0, 140)), "not per guide");
        // a code outside the guide's (and D96B's) list
        refused(good.replace("BGM+209+", "BGM+ZZZ+"), "not per guide");
        // segments out of the D96B order, a missing detail line, an id longer than an..35
        refused(good.replace("RFF+CT:T2026-0001'DTM+137:202611280900:203'", "DTM+137:202611280900:203'RFF+CT:T2026-0001'"),
                "not per guide");
        refused(good.replace("UNS+D'BII+1+1'RCS+1'GIS+37'QTY+1:1'UNT+18+1'", "UNS+D'UNT+14+1'"), "not per guide");
        refused(good.replace("T2026-0001", "T".repeat(36)), "not per guide");
        // the picks first, the seal after, nothing else in FTX
        refused(good.replace("FTX+ZZZ+++PICKS:3:7'", "FTX+ZZZ+++NOTE:3:7'"), "PICKS");
        refused(good.replace("FTX+ZZZ+++PICKS:3:7'", "FTX+ZZZ+++PICKS:3:7:9'"), "PICKS");
        // another message type, or a bidder that is not the sender
        refused(good.replace("CONTEN:D:96B:UN", "CONTEN:D:03B:UN"), "CONTEN:D:96B:UN");
        refused(good.replace("NAD+SU+V001", "NAD+SU+V002"), "not the UNB sender");
    }
}
