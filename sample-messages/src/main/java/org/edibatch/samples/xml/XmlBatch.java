package org.edibatch.samples.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A DeclarationBatch file as text: prolog, header (the twin of UNB), declarations. */
public final class XmlBatch {

    public static final String NS = "urn:edibatch:customs:declaration:1";
    /** Version 2: declarations may carry a FunctionCode (original, replacement, cancellation). */
    public static final String NS_2 = "urn:edibatch:customs:declaration:2";

    private final String sender;
    private final String batchId;
    private String recipient = "KCS";
    private String issued = "2026-11-25T09:00:00+09:00";
    private String prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private final List<String> declarations = new ArrayList<>();
    private UnaryOperator<String> rewrite = UnaryOperator.identity();
    private String ns = NS;

    private XmlBatch(String sender, String batchId) {
        this.sender = sender;
        this.batchId = batchId;
    }

    public static XmlBatch from(String sender, String batchId) {
        return new XmlBatch(sender, batchId);
    }

    /** Writes the batch in the format's version 2 (needed for a declaration with a function code). */
    public XmlBatch version2() {
        this.ns = NS_2;
        return this;
    }

    public XmlBatch recipient(String recipient) {
        this.recipient = recipient;
        return this;
    }

    /** Everything before the root element: XML declaration, DOCTYPE. */
    public XmlBatch prolog(String prolog) {
        this.prolog = prolog;
        return this;
    }

    public XmlBatch declaration(XmlDeclaration d) {
        declarations.add(d.text());
        return this;
    }

    /** Applied to the whole text at the end. */
    public XmlBatch rewrite(UnaryOperator<String> rewrite) {
        this.rewrite = rewrite;
        return this;
    }

    public static String header(String sender, String recipient, String batchId, String issued) {
        return header(NS, sender, recipient, batchId, issued);
    }

    static String header(String ns, String sender, String recipient, String batchId, String issued) {
        StringBuilder b = new StringBuilder();
        b.append("<DeclarationBatch xmlns=\"").append(ns).append("\">\n");
        if (sender != null) {
            b.append("  <SenderID>").append(Xml.escape(sender)).append("</SenderID>\n");
        }
        b.append("  <RecipientID>").append(Xml.escape(recipient)).append("</RecipientID>\n");
        b.append("  <BatchID>").append(Xml.escape(batchId)).append("</BatchID>\n");
        b.append("  <IssueDateTime>").append(issued).append("</IssueDateTime>\n");
        return b.toString();
    }

    public static String footer() {
        return "</DeclarationBatch>\n";
    }

    public String text() {
        StringBuilder b = new StringBuilder(prolog);
        b.append(header(ns, sender, recipient, batchId, issued));
        declarations.forEach(b::append);
        b.append(footer());
        return rewrite.apply(b.toString());
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
