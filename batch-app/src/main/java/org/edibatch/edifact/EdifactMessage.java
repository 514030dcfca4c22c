package org.edibatch.edifact;

import java.util.List;

/**
 * One message (UNH..UNT) of an interchange, with the syntax errors found in it.
 *
 * @param index     0-based position of the message in its interchange
 * @param reference the message reference number (UNH 0062)
 * @param segments  the segments between UNH and UNT (both excluded), positions counted from UNH = 1; empty
 *                  once the message has a syntax error (it is not decided then)
 * @param errors    its syntax errors, at most {@link InterchangeReader#MAX_ERRORS_PER_MESSAGE}
 * @param uncheckedSegments segments read after the message reached that bound, which were not validated
 */
public record EdifactMessage(int index, String reference, String type, String version, String release,
                             String agency, List<Segment> segments, List<SyntaxError> errors, int uncheckedSegments) {

    public EdifactMessage(int index, String reference, String type, String version, String release, String agency,
                          List<Segment> segments, List<SyntaxError> errors) {
        this(index, reference, type, version, release, agency, segments, errors, 0);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public String typeIdentifier() {
        return type + ":" + version + ":" + release + ":" + agency;
    }
}
