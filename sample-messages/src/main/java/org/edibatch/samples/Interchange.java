package org.edibatch.samples;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An interchange as text: UNB, messages (UNH..UNT with the right counts unless told otherwise), UNZ.
 * Hooks let a bad sample change any segment after the counts are computed.
 */
public final class Interchange {

    private String syntax = "UNOC";
    private String version = "3";
    private String sender = "HANBITTRD";
    private String recipient = "KCS";
    private String controlRef = "IC0001";
    private String prepared = "261125:0900";
    private boolean una;
    private final List<List<String>> messages = new ArrayList<>();
    private final List<String> messageRefs = new ArrayList<>();
    private UnaryOperator<String> rewrite = UnaryOperator.identity();
    private Integer unzCountOverride;
    private String unzRefOverride;

    public static Interchange from(String sender, String controlRef) {
        Interchange i = new Interchange();
        i.sender = sender;
        i.controlRef = controlRef;
        return i;
    }

    public String sender() {
        return sender;
    }

    public String controlRef() {
        return controlRef;
    }

    public Interchange syntax(String identifier, String version) {
        this.syntax = identifier;
        this.version = version;
        return this;
    }

    public Interchange recipient(String recipient) {
        this.recipient = recipient;
        return this;
    }

    public Interchange withUna() {
        this.una = true;
        return this;
    }

    public Interchange message(Cusdec message) {
        return message(String.valueOf(messages.size() + 1), message.body());
    }

    public Interchange message(String reference, List<String> body) {
        messages.add(new ArrayList<>(body));
        messageRefs.add(reference);
        return this;
    }

    /** Applied to the whole text at the end: the place for deliberate damage. */
    public Interchange rewrite(UnaryOperator<String> rewrite) {
        this.rewrite = rewrite;
        return this;
    }

    public Interchange unzCount(int count) {
        this.unzCountOverride = count;
        return this;
    }

    public Interchange unzReference(String ref) {
        this.unzRefOverride = ref;
        return this;
    }

    public Charset charset() {
        return "UNOY".equals(syntax) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        if (una) {
            b.append("UNA:+.? '");
        }
        b.append("UNB+").append(syntax).append(':').append(version).append('+').append(sender).append("+")
                .append(recipient).append('+').append("4".equals(version) ? "20" + prepared : prepared).append('+').append(controlRef).append("'\n");
        for (int m = 0; m < messages.size(); m++) {
            List<String> body = messages.get(m);
            String ref = messageRefs.get(m);
            b.append("UNH+").append(ref).append("+CUSDEC:D:96B:UN'\n");
            for (String s : body) {
                b.append(s).append("'\n");
            }
            b.append("UNT+").append(body.size() + 2).append('+').append(ref).append("'\n");
        }
        b.append("UNZ+").append(unzCountOverride != null ? unzCountOverride : messages.size()).append('+')
                .append(unzRefOverride != null ? unzRefOverride : controlRef).append("'\n");
        return rewrite.apply(b.toString());
    }

    public byte[] bytes() {
        return text().getBytes(charset());
    }
}
