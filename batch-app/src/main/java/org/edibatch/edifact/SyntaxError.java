package org.edibatch.edifact;

/**
 * One syntax error, as CONTRL reports it.
 *
 * @param code             the error code from UN/EDIFACT code list 0085
 * @param segmentPosition  position of the segment inside its message, UNH = 1 (0 for interchange-level errors)
 * @param segmentTag       tag of the segment in error, or null
 * @param elementPosition  position of the data element in the segment (0 when the whole segment is in error)
 * @param componentPosition position of the component in a composite (0 when not applicable)
 * @param text             a plain-language explanation for the sender and the officers' report
 */
public record SyntaxError(String code, int segmentPosition, String segmentTag, int elementPosition,
                          int componentPosition, String text) {

    public boolean isSegmentLevel() {
        return elementPosition <= 0;
    }
}
