package org.edibatch.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole small batch into memory: what the tests look at. */
final class XmlTestSupport {

    record Batch(XmlBatchHeader header, List<XmlDeclarationItem> items, boolean refused, List<XmlError> batchErrors) {
        XmlError refusal() {
            return batchErrors.get(0);
        }
    }

    private XmlTestSupport() {
    }

    static Batch read(byte[] file) {
        return read(file, XmlLimits.defaults());
    }

    static Batch read(byte[] file, XmlLimits limits) {
        try (XmlDeclarationReader r = XmlDeclarationReader.open(new ByteArrayInputStream(file), limits)) {
            List<XmlDeclarationItem> items = new ArrayList<>();
            XmlDeclarationItem item;
            while ((item = r.next()) != null) {
                items.add(item);
            }
            return new Batch(r.header(), items, r.refused(), r.batchErrors());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
