package org.edibatch.procurement;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import io.xlate.edi.stream.Location;
import org.edibatch.schemas.MessageSchemas;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an EDIFACT bid: D96B CONTEN (tender message), one message per interchange, checked against its guide
 * KONEPS-CONTEN-1 (edifact/CONTEN-D96B-KONEPS.xml, laid out in edi-schemas/procurement/README.md), a strict subset
 * of the D96B message: what it accepts, standard D96B software can write. The sealed price travels as upper-case
 * hex in FTX+ZZZ+++SEAL segments (up to four 70-character text components each, D96B's an..70, concatenated in
 * order) in the tendered amount's group 10: hex needs no release characters in any syntax level, which base64's
 * '+' would.
 */
public final class BidEdifact {

    private static final EDIInputFactory FACTORY = EDIInputFactory.newFactory();

    private BidEdifact() {
    }

    /** A segment as a list of elements, each a list of components. */
    record Seg(String tag, List<List<String>> elements) {
        String v(int element, int component) {
            if (element > elements.size()) {
                return "";
            }
            List<String> c = elements.get(element - 1);
            return component > c.size() || c.get(component - 1) == null ? "" : c.get(component - 1);
        }
    }

    public static BidDocument parse(byte[] bytes) throws ProcurementFormatException {
        List<Seg> segs = segments(bytes);
        String sender = null;
        String controlRef = null;
        String type = null;
        String bidRef = null;
        String tenderId = null;
        String bidder = null;
        int[] picks = null;
        StringBuilder hex = new StringBuilder();
        int messages = 0;
        boolean firstFtx = true;
        for (Seg s : segs) {
            switch (s.tag()) {
                case "UNB" -> {
                    sender = s.v(2, 1);
                    controlRef = s.v(5, 1);
                }
                case "UNH" -> {
                    if (++messages > 1) {
                        throw new ProcurementFormatException(ProcurementCode.B01, "expected one CONTEN:D:96B message, "
                                + "found a second");
                    }
                    type = s.v(2, 1) + ":" + s.v(2, 2) + ":" + s.v(2, 3);
                }
                case "BGM" -> bidRef = s.v(2, 1);
                case "RFF" -> tenderId = s.v(1, 2); // the guide's one RFF, qualifier CT
                case "NAD" -> bidder = s.v(2, 1); // the guide's one NAD, qualifier SU
                case "FTX" -> {
                    String kind = s.v(4, 1);
                    if ("PICKS".equals(kind) && firstFtx && s.v(4, 4).isEmpty()) {
                        picks = new int[]{number(s.v(4, 2)), number(s.v(4, 3))};
                    } else if ("SEAL".equals(kind) && !firstFtx) {
                        for (int c = 2; c <= 5; c++) {
                            hex.append(s.v(4, c));
                        }
                    } else {
                        throw new ProcurementFormatException(ProcurementCode.B01, "FTX " + (firstFtx
                                ? "PICKS:<n1>:<n2> must be the first FTX" : kind + " is not SEAL") + " (guide KONEPS-CONTEN-1)");
                    }
                    firstFtx = false;
                }
                default -> {
                    // other segments carry nothing intake needs; the guide fixed their values
                }
            }
        }
        if (messages != 1 || !"CONTEN:D:96B".equals(type)) {
            throw new ProcurementFormatException(ProcurementCode.B01, "expected one CONTEN:D:96B message, found "
                    + messages + " (" + type + ")");
        }
        if (isBlank(bidRef) || isBlank(tenderId) || isBlank(bidder) || picks == null || hex.length() == 0) {
            throw new ProcurementFormatException(ProcurementCode.B01, "BGM, RFF+CT, NAD+SU, FTX PICKS and SEAL are required");
        }
        if (!bidder.equals(sender)) {
            throw new ProcurementFormatException(ProcurementCode.B01, "NAD+SU " + bidder + " is not the UNB sender " + sender);
        }
        byte[] sealed;
        try {
            sealed = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new ProcurementFormatException(ProcurementCode.B01, "SEAL is not hex");
        }
        return new BidDocument("EDIFACT", bidRef, tenderId, bidder, picks[0], picks[1], sealed, controlRef);
    }

    private static int number(String s) throws ProcurementFormatException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ProcurementFormatException(ProcurementCode.B01, "pick is not a number: " + s);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static List<Seg> segments(byte[] bytes) throws ProcurementFormatException {
        List<Seg> out = new ArrayList<>();
        try (EDIStreamReader r = FACTORY.createEDIStreamReader(new ByteArrayInputStream(bytes), "ISO-8859-1")) {
            String tag = null;
            List<List<String>> elements = null;
            while (r.hasNext()) {
                EDIStreamEvent e = r.next();
                if (e == EDIStreamEvent.END_SEGMENT && "UNH".equals(tag)) {
                    // the guide applies from the end of UNH, once its S009 says this is a D96B CONTEN
                    Seg unh = new Seg(tag, elements);
                    String type = unh.v(2, 1) + ":" + unh.v(2, 2) + ":" + unh.v(2, 3) + ":" + unh.v(2, 4);
                    if (!"CONTEN:D:96B:UN".equals(type)) {
                        throw new ProcurementFormatException(ProcurementCode.B01, "expected a CONTEN:D:96B:UN message, found "
                                + type);
                    }
                    r.setTransactionSchema(MessageSchemas.forType(MessageSchemas.BID));
                }
                switch (e) {
                    case START_SEGMENT -> {
                        tag = r.getText();
                        elements = new ArrayList<>();
                    }
                    case ELEMENT_DATA -> {
                        int el = r.getLocation().getElementPosition();
                        int comp = Math.max(1, r.getLocation().getComponentPosition());
                        while (elements.size() < el) {
                            elements.add(new ArrayList<>());
                        }
                        List<String> comps = elements.get(el - 1);
                        while (comps.size() < comp) {
                            comps.add("");
                        }
                        comps.set(comp - 1, r.getText());
                    }
                    case END_SEGMENT -> out.add(new Seg(tag, elements));
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR ->
                            throw new ProcurementFormatException(ProcurementCode.B01, "not per guide KONEPS-CONTEN-1: "
                                    + r.getErrorType() + where(r.getLocation(), r.getReferenceCode()));
                    default -> {
                        // structure events: the segment list is all we need
                    }
                }
            }
        } catch (ProcurementFormatException e) {
            throw e;
        } catch (EDIStreamException | RuntimeException | java.io.IOException e) {
            throw new ProcurementFormatException(ProcurementCode.B01, "not a readable EDIFACT interchange: " + e);
        }
        if (out.isEmpty()) {
            throw new ProcurementFormatException(ProcurementCode.B01, "empty file");
        }
        return out;
    }

    /** Where an error is, for the bidder: the segment's position in the interchange, tag, element and component. */
    private static String where(Location at, String reference) {
        StringBuilder b = new StringBuilder(" at segment ").append(at.getSegmentPosition());
        if (at.getSegmentTag() != null) {
            b.append(' ').append(at.getSegmentTag());
        }
        if (at.getElementPosition() > 0) {
            b.append(" element ").append(at.getElementPosition());
            if (at.getComponentPosition() > 0) {
                b.append(" component ").append(at.getComponentPosition());
            }
        }
        if (reference != null) {
            b.append(" (").append(reference.length() > 35 ? reference.substring(0, 35) : reference).append(')');
        }
        return b.toString();
    }
}
