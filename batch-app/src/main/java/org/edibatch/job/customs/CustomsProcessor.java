package org.edibatch.job.customs;

import org.edibatch.customs.CustomsRules;
import org.edibatch.customs.DeclarationMapper;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Syntax-rejected messages pass through undecided (CONTRL answers them); the others get the customs decision. */
public class CustomsProcessor implements ItemProcessor<MessageItem, ProcessedMessage> {

    private final DeclarationMapper mapper = new DeclarationMapper();
    private final CustomsRules rules;

    public CustomsProcessor(CustomsRules rules) {
        this.rules = rules;
    }

    @Override
    public ProcessedMessage process(MessageItem item) {
        if (item.message().hasErrors() || !"CUSDEC".equals(item.message().type())) {
            return new ProcessedMessage(item, null);
        }
        DeclarationMapper.Result mapped = mapper.map(item.sender(), item.message());
        return new ProcessedMessage(item, rules.decide(mapped.declaration(), mapped.errors()));
    }
}
