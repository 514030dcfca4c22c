package org.edibatch.edifact;

import java.util.List;

/**
 * One segment of a message: its tag, position inside the message (UNH = 1) and data elements,
 * each a list of components (a simple element is a list of one).
 */
public record Segment(String tag, int position, List<List<String>> elements) {

    /** The value of element {@code element} (1-based), first component; "" when absent. */
    public String value(int element) {
        return value(element, 1);
    }

    /** The value of component {@code component} of element {@code element}, both 1-based; "" when absent. */
    public String value(int element, int component) {
        if (element < 1 || element > elements.size()) {
            return "";
        }
        List<String> components = elements.get(element - 1);
        if (component < 1 || component > components.size()) {
            return "";
        }
        String v = components.get(component - 1);
        return v == null ? "" : v;
    }
}
