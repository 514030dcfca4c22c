package org.edibatch.support;

import org.edibatch.edifact.EdifactMessage;
import org.edibatch.edifact.InterchangeReader;
import org.edibatch.edifact.Segment;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads answer files back with the product's own validating reader: every answer must be valid EDIFACT. */
public final class Answers {

    private Answers() {
    }

    public static List<EdifactMessage> parseValid(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); InterchangeReader r = InterchangeReader.open(in, true)) {
            List<EdifactMessage> messages = new ArrayList<>();
            EdifactMessage m;
            while ((m = r.next()) != null) {
                assertThat(m.errors()).as("syntax errors in answer %s message %s", file, m.reference()).isEmpty();
                messages.add(m);
            }
            assertThat(r.interchangeErrors()).as("envelope errors in answer %s", file).isEmpty();
            return messages;
        }
    }

    public static Path one(Path folder, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).as("answers %s* in %s", prefix, folder).hasSize(1);
            return found.get(0);
        }
    }

    public static List<Segment> segments(EdifactMessage m, String tag) {
        return m.segments().stream().filter(s -> s.tag().equals(tag)).toList();
    }
}
