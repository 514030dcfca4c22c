package org.edibatch.edifact;

import java.util.ArrayList;
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

    /**
     * The identifiers of a syntax answer: the UN service message CONTRL 2:2 (syntax version 3) and 4:1 (version 4),
     * and D:3, which some trading partners' software writes.
     */
    private static final List<String> CONTRL = List.of("CONTRL:2:2:UN", "CONTRL:4:1:UN", "CONTRL:D:3:UN");

    /** What senders may send us: declarations (CUSDEC D96B) and syntax answers to our answers (CONTRL). */
    public static final MessageTypes INBOUND = new MessageTypes(with(CONTRL, "CUSDEC:D:96B:UN"));

    /**
     * What banks may send us: credit advices (CREMUL D96B) and syntax answers (CONTRL). A bank's CUSDEC, like an
     * importer's CREMUL, is refused with code 14.
     */
    public static final MessageTypes BANK = new MessageTypes(with(CONTRL, "CREMUL:D:96B:UN"));

    /** Every message the product has a guide for, inbound or outbound: for reading its own answers back. */
    public static final MessageTypes GUIDES = new MessageTypes(with(CONTRL, "CUSDEC:D:96B:UN",
            "CUSRES:D:96B:UN", "APERAK:D:96B:UN", "CREMUL:D:96B:UN"));

    /** Per message type, the identifiers accepted for it (version, release, agency), in order. */
    private final Map<String, List<String[]>> byType = new HashMap<>();

    private MessageTypes(List<String> identifiers) {
        for (String id : identifiers) {
            String[] parts = id.split(":");
            byType.computeIfAbsent(parts[0], t -> new ArrayList<>()).add(parts);
        }
    }

    private static List<String> with(List<String> some, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(some);
        return all;
    }

    public boolean accepts(String type) {
        return byType.containsKey(type);
    }

    /** @return null when the message identifier is one of these, else the 0085 code 14 error to report on UNH */
    public SyntaxError check(String type, String version, String release, String agency) {
        List<String[]> identifiers = byType.get(type);
        if (identifiers == null) {
            return unsupported(1, "message type " + type + " is not processed here");
        }
        String[] given = {type, version, release, agency};
        // the component named is the first that differs from the closest identifier (the one matching longest)
        int best = 0;
        String[] closest = identifiers.get(0);
        for (String[] expected : identifiers) {
            int c = 1;
            while (c < 4 && expected[c].equals(given[c])) {
                c++;
            }
            if (c == 4) {
                return null;
            }
            if (c > best) {
                best = c;
                closest = expected;
            }
        }
        return unsupported(best + 1, "message " + type + " " + version + ":" + release + ":" + agency
                + " is not processed here (only " + String.join(":", closest) + ")");
    }

    private static SyntaxError unsupported(int component, String text) {
        return new SyntaxError(SyntaxErrorCode.VALUE_NOT_SUPPORTED_IN_POSITION.code(), 1, "UNH", 2, component, text);
    }
}
