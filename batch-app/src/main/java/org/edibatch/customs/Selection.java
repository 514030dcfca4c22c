package org.edibatch.customs;

import java.util.List;

/** The selectivity result of one declaration: channel, total score and the rules that hit. */
public record Selection(Channel channel, int score, List<String> ruleHits) {

    public String hitsText() {
        return String.join(";", ruleHits);
    }
}
