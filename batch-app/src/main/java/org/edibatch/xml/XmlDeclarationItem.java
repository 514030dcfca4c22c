package org.edibatch.xml;

import org.edibatch.customs.ContentError;
import org.edibatch.customs.Declaration;

import java.util.List;

/**
 * One declaration of an XML batch, mapped to the format-independent model.
 *
 * @param index         0-based position in the batch (as EdifactMessage.index)
 * @param kind          {@link #IMPORT} or {@link #EXPORT}; an export's exporter is in the importer fields
 * @param declaration   never null; best effort when {@code xmlErrors} is not empty (number and date for the
 *                      answer), and then it must be answered, not checked or assessed
 * @param mappingErrors what DeclarationMapper would raise for the EDIFACT twin (C100, C101)
 * @param xmlErrors     schema errors (X002) inside this declaration, each with line and column
 */
public record XmlDeclarationItem(int index, String kind, Declaration declaration, List<ContentError> mappingErrors,
                                 List<XmlError> xmlErrors) {

    public static final String IMPORT = "IMPORT";
    public static final String EXPORT = "EXPORT";

    public boolean schemaValid() {
        return xmlErrors.isEmpty();
    }
}
