package org.edibatch.edifact;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The message types an interchange may carry, by their identifier (UNH S009: type, version, release, agency),
 * and the check of one UNH against them. A message of any other type, version or release is refused with 0085
 * code 14 (value not supported in this position) on the component that differs: the value is valid in the UN
 * directories (an INVOIC, a CUSRES sent to us, a CUSDEC of D.03B), so neither 12 (invalid value) nor a check of
 * its body against a guide written for another message would tell the sender the truth.
 */
public final class MessageTypes {

    /** What senders may send us: declarations (CUSDEC D96B) and syntax answers to our answers (CONTRL). */
    public static final MessageTypes INBOUND = new MessageTypes(List.of("CUSDEC:D:96B:UN", "CONTRL:D:3:UN"));

    /**
     * What banks may send us: credit advices (CREMUL D96B) and syntax answers (CONTRL). A bank's CUSDEC, like an
     * importer's CREMUL, is refused with code 14.
     */
    public static final MessageTypes BANK = new MessageTypes(List.of("CREMUL:D:96B:UN", "CONTRL:D:3:UN"));

    /** Every message the product has a guide for, inbound or outbound: for reading its own answers back. */
    public static final MessageTypes GUIDES = new MessageTypes(List.of("CUSDEC:D:96B:UN", "CONTRL:D:3:UN",
            "CUSRES:D:96B:UN", "APERAK:D:96B:UN", "CREMUL:D:96B:UN"));

    private final Map<String, String[]> byType = new HashMap<>();

    private MessageTypes(List<String> identifiers) {
        for (String id : identifiers) {
            String[] parts = id.split(":");
            byType.put(parts[0], parts);
        }
    }

    public boolean accepts(String type) {
        return byType.containsKey(type);
    }

    /** @return null when the message identifier is one of these, else the 0085 code 14 error to report on UNH */
    public SyntaxError check(String type, String version, String release, String agency) {
        String[] expected = byType.get(type);
        if (expected == null) {
            return unsupported(1, "message type " + type + " is not processed here");
        }
        String[] given = {type, version, release, agency};
        for (int c = 1; c < 4; c++) {
            if (!expected[c].equals(given[c])) {
                return unsupported(c + 1, "message " + type + " " + version + ":" + release + ":" + agency
                        + " is not processed here (only " + String.join(":", expected) + ")");
            }
        }
        return null;
    }

    private static SyntaxError unsupported(int component, String text) {
        return new SyntaxError(SyntaxErrorCode.VALUE_NOT_SUPPORTED_IN_POSITION.code(), 1, "UNH", 2, component, text);
    }
}
