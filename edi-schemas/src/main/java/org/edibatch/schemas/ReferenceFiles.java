package org.edibatch.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dated reference tables shipped as CSV files under {@code /edi-schemas/reference/}: '#' lines are
 * comments, the first other line names the columns, values may be double-quoted. The SHA-256 of the file
 * versions the data set, so a loader can tell whether the database already holds this version.
 */
public final class ReferenceFiles {

    public static final List<String> DATASETS = List.of(
            "tariff", "exchange-rates", "parties", "reference-prices", "selectivity-rules",
            "lower-limit-rates", "vendors", "partner-profiles", "agencies", "qualification-rules",
            "vendor-qualification", "payment-terms", "late-payment-rates");

    public record Table(String name, String sha256, List<Map<String, String>> rows) {
    }

    private ReferenceFiles() {
    }

    public static Table load(String name) {
        String resource = "/edi-schemas/reference/" + name + ".csv";
        try (InputStream raw = ReferenceFiles.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no reference data set " + name);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Map<String, String>> rows = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new DigestInputStream(raw, sha),
                    StandardCharsets.UTF_8))) {
                List<String> header = null;
                String line;
                int lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    List<String> fields = split(line);
                    if (header == null) {
                        header = fields;
                        continue;
                    }
                    if (fields.size() != header.size()) {
                        throw new IllegalStateException(resource + " line " + lineNo + ": expected " + header.size()
                                + " fields, found " + fields.size());
                    }
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), fields.get(i));
                    }
                    rows.add(row);
                }
            }
            return new Table(name, HexFormat.of().formatHex(sha.digest()), List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
