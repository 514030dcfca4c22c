package org.edibatch.edifact;

import java.util.List;

/**
 * One message (UNH..UNT) of an interchange, with the syntax errors found in it.
 *
 * @param index     0-based position of the message in its interchange
 * @param reference the message reference number (UNH 0062)
 * @param segments  the segments between UNH and UNT (both excluded), positions counted from UNH = 1
 */
public record EdifactMessage(int index, String reference, String type, String version, String release,
                             String agency, List<Segment> segments, List<SyntaxError> errors) {

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public String typeIdentifier() {
        return type + ":" + version + ":" + release + ":" + agency;
    }
}
