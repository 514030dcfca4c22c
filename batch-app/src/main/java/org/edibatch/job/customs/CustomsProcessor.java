package org.edibatch.job.customs;

import org.edibatch.customs.ContentError;
import org.edibatch.xml.XmlErrorCode;
import org.edibatch.customs.CustomsRules;
import org.edibatch.customs.DeclarationOutcome;
import org.edibatch.xml.XmlDeclarationItem;
import org.edibatch.customs.DeclarationMapper;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.util.ArrayList;
import java.util.List;

/** Syntax-rejected messages pass through undecided (CONTRL answers them); the others get the customs decision. */
public class CustomsProcessor implements ItemProcessor<MessageItem, ProcessedMessage> {

    private final DeclarationMapper mapper = new DeclarationMapper();
    private final CustomsRules rules;

    public CustomsProcessor(CustomsRules rules) {
        this.rules = rules;
    }

    @Override
    public ProcessedMessage process(MessageItem item) {
        if (item.xml() != null) {
            return new ProcessedMessage(item, decideXml(item.xml()));
        }
        if (item.message().hasErrors() || !"CUSDEC".equals(item.message().type())) {
            return new ProcessedMessage(item, null);
        }
        DeclarationMapper.Result mapped = mapper.map(item.sender(), item.message());
        return new ProcessedMessage(item, rules.decide(mapped.declaration(), mapped.errors()));
    }

    /** A schema-invalid declaration is answered with its schema errors and not checked any further. */
    private DeclarationOutcome decideXml(XmlDeclarationItem x) {
        if (!x.schemaValid()) {
            List<ContentError> errors = new ArrayList<>(x.xmlErrors().size());
            for (var e : x.xmlErrors()) {
                errors.add(new ContentError(XmlErrorCode.SCHEMA_INVALID, e.pointer() == null ? "" : e.pointer(),
                        e.text(), e.line(), e.column()));
            }
            return DeclarationOutcome.rejected(x.declaration(), errors);
        }
        return XmlDeclarationItem.EXPORT.equals(x.kind())
                ? rules.decideExport(x.declaration(), x.mappingErrors())
                : rules.decide(x.declaration(), x.mappingErrors());
    }
}
