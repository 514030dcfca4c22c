package org.edibatch.conformance;

import org.smooks.Smooks;
import org.smooks.api.ExecutionContext;
import org.smooks.io.sink.WriterSink;
import org.smooks.io.source.ByteSource;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent reader of UN/EDIFACT: the Smooks EDIFACT cartridge with the published D96B directory's DFDL
 * schemas (segment tables, element types and lengths, D96B code lists) and the syntax service messages (CONTRL).
 * It shares no code or schema with the product, so what it accepts is D96B as the directory writes it, not as we
 * read it. Compiling the schema costs tens of seconds and about 2 GB: one instance per test JVM.
 */
final class D96bValidator {

    private static final String CONFIG = """
            <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd"
                                  xmlns:edifact="https://www.smooks.org/xsd/smooks/edifact-2.0.xsd">
              <edifact:parser schemaUri="/d96b/EDIFACT-Messages.dfdl.xsd" validationMode="Full">
                <edifact:messageTypes>
                  <edifact:messageType>CUSDEC</edifact:messageType>
                  <edifact:messageType>CUSRES</edifact:messageType>
                  <edifact:messageType>APERAK</edifact:messageType>
                  <edifact:messageType>CREMUL</edifact:messageType>
                  <edifact:messageType>CONTEN</edifact:messageType>
                </edifact:messageTypes>
              </edifact:parser>
            </smooks-resource-list>
            """;

    private static D96bValidator instance;

    private final Smooks smooks;

    private D96bValidator() throws Exception {
        smooks = new Smooks(new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)));
    }

    static synchronized D96bValidator get() throws Exception {
        if (instance == null) {
            instance = new D96bValidator();
        }
        return instance;
    }

    /** The outcome of reading one interchange: its XML form and what made it not D96B. */
    record Result(String xml, List<String> problems) {

        boolean valid() {
            return problems.isEmpty();
        }

        /** The message types read as structured messages, in order (BadMessage for one that is not). */
        List<String> messageTypes() {
            List<String> types = new ArrayList<>();
            Matcher m = Pattern.compile("<(?:[A-Za-z0-9]+:)?(CUSDEC|CUSRES|APERAK|CREMUL|CONTEN|CONTRL|BadMessage)[ >]").matcher(xml);
            while (m.find()) {
                types.add(m.group(1));
            }
            return types;
        }
    }

    synchronized Result read(byte[] interchange) {
        List<String> problems = new ArrayList<>();
        StringWriter xml = new StringWriter();
        try {
            ExecutionContext ctx = smooks.createExecutionContext();
            smooks.filterSource(ctx, new ByteSource(interchange), new WriterSink<>(xml));
        } catch (RuntimeException e) {
            Throwable t = e;
            StringBuilder why = new StringBuilder();
            while (t != null) {
                why.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" / ");
                t = t.getCause();
            }
            problems.add("refused: " + why);
        }
        String text = xml.toString();
        if (text.contains("BadMessage")) {
            problems.add("a message is not D96B (BadMessage)");
        }
        if (problems.isEmpty() && !text.contains("Interchange")) {
            problems.add("no interchange read");
        }
        return new Result(text, problems);
    }
}
