package org.edibatch.customs;

import java.util.List;

/**
 * The selectivity result of one declaration: channel, total score and the rules that hit. {@code hitsText} is
 * the hits joined once (the row, the exception line and the answer each print it).
 */
public record Selection(Channel channel, int score, List<String> ruleHits, String hitsText) {

    public Selection(Channel channel, int score, List<String> ruleHits) {
        this(channel, score, ruleHits, String.join(";", ruleHits));
    }
}
