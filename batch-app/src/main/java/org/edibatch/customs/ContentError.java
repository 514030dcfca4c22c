package org.edibatch.customs;

/**
 * One application-level error of a declaration.
 *
 * @param pointer where in the declaration, e.g. "item 2 CST" or "header NAD+IM"
 * @param detail  what exactly was wrong, in plain language
 */
public record ContentError(CustomsErrorCode code, String pointer, String detail) {
}
