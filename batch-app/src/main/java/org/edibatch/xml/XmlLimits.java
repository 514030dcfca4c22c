package org.edibatch.xml;

/**
 * Bounds on what one XML batch may cost. Every limit breached refuses the whole file with X004 and the
 * line and column where it happened; none is a guess at what a good sender needs: each default is far above
 * what a valid batch of the schema can reach, so only broken or hostile files meet them.
 *
 * @param maxBytes               file size; the default lets a 1 GB batch through, which streams
 * @param maxDepth               element nesting (a valid batch reaches 5, 8 with an XML-DSig signature)
 * @param maxElements            elements in the whole file
 * @param maxDeclarationElements elements in one declaration: what bounds the memory of one item (999 goods
 *                               items of 6 elements each stay below the default)
 * @param maxTextLength          characters of one text node (a base64 certificate in a signature fits)
 * @param maxTokenBytes          bytes read without the parser producing an event: bounds what the parser
 *                               itself buffers (a huge attribute, comment or tag name)
 */
public record XmlLimits(long maxBytes, int maxDepth, long maxElements, int maxDeclarationElements,
                        int maxTextLength, int maxTokenBytes) {

    public static XmlLimits defaults() {
        return new XmlLimits(2L << 30, 32, 100_000_000L, 12_000, 65_536, 1 << 20);
    }

    public XmlLimits withMaxBytes(long v) {
        return new XmlLimits(v, maxDepth, maxElements, maxDeclarationElements, maxTextLength, maxTokenBytes);
    }

    public XmlLimits withMaxDepth(int v) {
        return new XmlLimits(maxBytes, v, maxElements, maxDeclarationElements, maxTextLength, maxTokenBytes);
    }

    public XmlLimits withMaxElements(long v) {
        return new XmlLimits(maxBytes, maxDepth, v, maxDeclarationElements, maxTextLength, maxTokenBytes);
    }

    public XmlLimits withMaxDeclarationElements(int v) {
        return new XmlLimits(maxBytes, maxDepth, maxElements, v, maxTextLength, maxTokenBytes);
    }

    public XmlLimits withMaxTextLength(int v) {
        return new XmlLimits(maxBytes, maxDepth, maxElements, maxDeclarationElements, v, maxTokenBytes);
    }

    public XmlLimits withMaxTokenBytes(int v) {
        return new XmlLimits(maxBytes, maxDepth, maxElements, maxDeclarationElements, maxTextLength, v);
    }
}
