package org.edibatch.customs;

import org.edibatch.codes.CodeList;

/**
 * One application-level error of a declaration.
 *
 * @param code    a {@link CustomsErrorCode}, or for an XML declaration its schema error (xml.XmlErrorCode X002)
 * @param pointer where in the declaration, e.g. "item 2 CST" or "header NAD+IM"
 * @param detail  what exactly was wrong, in plain language
 * @param line    line in the received file when known (XML), else 0
 * @param column  column in the received file when known (XML), else 0
 */
public record ContentError(CodeList code, String pointer, String detail, int line, int column) {

    public ContentError(CodeList code, String pointer, String detail) {
        this(code, pointer, detail, 0, 0);
    }
}
