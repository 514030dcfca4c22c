package org.edibatch.xml;

import org.edibatch.customs.ContentError;

/**
 * One error of an XML declaration or batch, as answered.
 *
 * @param code    an {@link XmlErrorCode} code (X001..) or a content code (C1xx)
 * @param pointer element path, e.g. "/DeclarationBatch/ImportDeclaration[2]/GoodsItem[1]/Quantity";
 *                for content errors the rule's pointer; may be empty
 * @param line    1-based line in the received file, 0 when not known (content errors)
 * @param column  1-based column, 0 when not known
 */
public record XmlError(String code, String pointer, int line, int column, String text) {

    public static XmlError of(XmlErrorCode code, String pointer, int line, int column, String text) {
        return new XmlError(code.code(), pointer, line, column, text);
    }

    public static XmlError of(ContentError e) {
        return new XmlError(e.code().code(), e.pointer(), 0, 0, e.detail());
    }
}
