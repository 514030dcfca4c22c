package org.edibatch.xml.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The open elements with their position among same-named siblings, for error pointers a sender can follow. */
public final class ElementPath {

    private final List<String> names = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();
    private final List<Map<String, Integer>> childCounts = new ArrayList<>();

    public void push(String name) {
        int position = 1;
        if (!childCounts.isEmpty()) {
            Map<String, Integer> siblings = childCounts.get(childCounts.size() - 1);
            position = siblings.merge(name, 1, Integer::sum);
        }
        names.add(name);
        positions.add(position);
        childCounts.add(new HashMap<>(4));
    }

    public void pop() {
        int last = names.size() - 1;
        names.remove(last);
        positions.remove(last);
        childCounts.remove(last);
    }

    public int depth() {
        return names.size();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append('/').append(names.get(i));
            if (i > 0) {
                b.append('[').append(positions.get(i)).append(']');
            }
        }
        return b.toString();
    }
}
