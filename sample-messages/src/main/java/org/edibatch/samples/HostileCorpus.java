package org.edibatch.samples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The hostile corpus: interchanges a registered sender could sign and send to block a night, to make part of
 * it vanish, or to exhaust the machine, each made by mutating a good interchange of the sample set. One file
 * per {@link Kind}; the seed picks which message, segment and byte is damaged and the filler text, so a run
 * over another seed tries the same classes differently. A new class is one more constant with its mutation.
 */
public final class HostileCorpus {

    /** Repeated segments in the "million" classes: one message of about 10 MB. */
    public static final int MILLION = 1_000_000;

    /**
     * A file of the corpus; {@code sender} is the UNB sender, {@code signer} the registered party who signs it (the
     * sender itself, but for {@link Kind#UNKNOWN_SENDER}, whose UNB names a party nobody registered).
     */
    public record HostileFile(Kind kind, String name, String sender, String signer, byte[] bytes) {
    }

    /** The classes of hostile input, each with the mutation that makes one. */
    public enum Kind {
        /** A NUL byte inside a data element of a message (not in the envelope). */
        NUL_IN_MESSAGE(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                String text = base.text();
                int at = nthSegmentOf(text, "NAD+IM+", r.nextInt(messages.size()));
                int cut = text.indexOf("++", at) + 2 + r.nextInt(5);
                return text.substring(0, cut) + '\0' + text.substring(cut);
            }
        },
        /** Two messages of one interchange under the same UNH reference (0085 code 26). */
        DUPLICATE_MESSAGE_REFERENCE(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                int twice = 1 + r.nextInt(messages.size() - 1);
                return base.text().replace("UNH+" + (twice + 1) + "+", "UNH+" + twice + "+")
                        .replace("UNT+13+" + (twice + 1) + "'", "UNT+13+" + twice + "'");
            }
        },
        /**
         * An amount as large as the syntax allows (18 digits): valid EDIFACT, but its value in won is more than the
         * ledger's columns hold.
         */
        HUGE_AMOUNT(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                String huge = "9" + String.valueOf(100_000_000_000_000_000L + (long) (r.nextDouble() * 1e16)).substring(1);
                int m = r.nextInt(messages.size());
                String text = base.text();
                int at = nthSegmentOf(text, "MOA+39:800.00:USD'", m);
                int end = text.indexOf("UNT+", at);
                String body = text.substring(at, end).replace("800.00:USD'", huge + ":USD'");
                return text.substring(0, at) + body + text.substring(end);
            }
        },
        /** One data element of 100,000 characters (0085 code 39). */
        LONG_ELEMENT(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                String text = base.text();
                int at = nthSegmentOf(text, "NAD+IM+", r.nextInt(messages.size()));
                int cut = text.indexOf("++", at) + 2;
                return text.substring(0, cut) + letters(r, 100_000) + text.substring(cut);
            }
        },
        /** A message whose UNT is missing: the next UNH follows its last segment directly. */
        MISSING_UNT(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                int without = 1 + r.nextInt(messages.size() - 1); // any but the last: the next UNH follows
                return base.text().replace("UNT+13+" + without + "'\n", "");
            }
        },
        /** The last message without its UNT: the UNZ follows its last segment. */
        MISSING_LAST_UNT(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                return base.text().replace("UNT+13+" + messages.size() + "'\n", "");
            }
        },
        /** A second, complete interchange after the UNZ, in the same file. */
        SECOND_INTERCHANGE(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                Interchange second = Interchange.from(base.sender(), base.controlRef() + "B");
                for (int i = 0; i < messages.size(); i++) {
                    second.message(Cusdec.declaration(declarationNo(base, 90 + i)).item("9503003900", "CN", "100",
                            "PCE", "800.00"));
                }
                return base.text() + second.text();
            }
        },
        /** Data that is no segment after the UNZ. */
        TRAILING_DATA(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                return base.text() + letters(r, 1 + r.nextInt(40)) + "\n";
            }
        },
        /** One message holding a million FTX segments, which the guide does not have. */
        MILLION_FTX(true) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                return repeatAfter(base.text(), r, messages, "UNS+D'\n", "FTX+AAI+++" + letters(r, 1) + "'\n", MILLION);
            }
        },
        /** One message holding a million item groups (CST alone), where the guide allows 999. */
        MILLION_CST(true) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                return repeatAfter(base.text(), r, messages, "MOA+38:800.00:USD'\n", "CST+1+9503003900'\n", MILLION);
            }
        },
        /** One message holding a million LOC segments in its header, where the guide allows 9. */
        MILLION_LOC(true) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                return repeatAfter(base.text(), r, messages, "DTM+137:20261125:102'\n", "LOC+27+CN'\n", MILLION);
            }
        },
        /** One message holding a million UNS segments, where the guide has two. */
        MILLION_UNS(true) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                return repeatAfter(base.text(), r, messages, "UNS+D'\n", "UNS+D'\n", MILLION);
            }
        },
        // The classes below came after the corpus's first seeds: appended, so the files of the classes above
        // (whose random draws and references depend on their position) stay the same for a seed.
        /** A syntax identifier and version outside UNOA..UNOY 3 and 4 (e.g. UNOA:1, IATA:1): 0085 code 2. */
        UNSUPPORTED_SYNTAX(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                String[] syntax = {"UNOA:1", "UNOB:2", "UNOC:2", "UNOC:1", "IATA:1", "IATB:1"};
                return base.text().replaceFirst("^UNB\\+UNOC:3\\+", "UNB+" + syntax[r.nextInt(syntax.length)] + "+");
            }
        },
        /** One message of a type this service does not process (an INVOIC, a CUSRES, an APERAK): 0085 code 14. */
        UNSUPPORTED_MESSAGE_TYPE(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                String[] types = {"INVOIC:D:96A:UN", "CUSRES:D:96B:UN", "APERAK:D:96B:UN", "CUSDEC:D:96A:UN"};
                int m = 1 + r.nextInt(messages.size());
                return base.text().replace("UNH+" + m + "+CUSDEC:D:96B:UN'", "UNH+" + m + "+" + types[r.nextInt(types.length)] + "'");
            }
        },
        /** A UNB sender nobody registered, signed by a registered party: 0085 code 23, not a signature refusal. */
        UNKNOWN_SENDER(false) {
            @Override
            String mutate(Random r, Interchange base, List<Cusdec> messages) {
                return base.text().replaceFirst("^UNB\\+UNOC:3\\+" + base.sender() + "\\+",
                        "UNB+UNOC:3+NOBODY" + letters(r, 4) + "+");
            }
        };

        private final boolean large;

        Kind(boolean large) {
            this.large = large;
        }

        /** About 10 MB or more: for tests that bound time and memory rather than run beside others. */
        public boolean large() {
            return large;
        }

        abstract String mutate(Random r, Interchange base, List<Cusdec> messages);
    }

    private HostileCorpus() {
    }

    /** One file of every class. */
    public static List<HostileFile> generate(long seed) {
        return generate(seed, EnumSet.allOf(Kind.class));
    }

    public static List<HostileFile> generate(long seed, Set<Kind> kinds) {
        List<HostileFile> files = new ArrayList<>();
        for (Kind k : kinds) {
            files.add(of(k, seed));
        }
        return files;
    }

    /**
     * The file of class {@code kind}: an interchange of Hanbit Trading with three good declarations (numbers
     * unique to the class and seed, so files of one night never share one), then the class's mutation.
     */
    public static HostileFile of(Kind kind, long seed) {
        Random r = new Random(seed * 31 + kind.ordinal());
        String ref = "HX" + (kind.ordinal() + 10) + Long.toString(Math.abs(seed) % 100_000, 36).toUpperCase();
        Interchange base = Interchange.from("HANBITTRD", ref);
        List<Cusdec> messages = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Cusdec c = Cusdec.declaration(declarationNo(base, i)).item("9503003900", "CN", "100", "PCE", "800.00");
            messages.add(c);
            base.message(c);
        }
        String text = kind.mutate(r, base, messages);
        if (text.equals(base.text())) {
            throw new IllegalStateException(kind + ": the mutation changed nothing");
        }
        String name = "hostile-" + kind.name().toLowerCase().replace('_', '-') + "-" + ref + ".edi";
        String sender = text.substring(text.indexOf('+', 4) + 1, text.indexOf('+', text.indexOf('+', 4) + 1));
        return new HostileFile(kind, name, sender, base.sender(), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String declarationNo(Interchange base, int n) {
        return base.controlRef() + String.format("%04d", n);
    }

    /** Where the n-th (0-based) segment starting with {@code prefix} starts. */
    private static int nthSegmentOf(String text, String prefix, int n) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = text.indexOf(prefix, at + 1);
        }
        return at;
    }

    /** {@code times} copies of {@code segment} after the {@code anchor} segment of one of the messages. */
    private static String repeatAfter(String text, Random r, List<Cusdec> messages, String anchor, String segment,
                                      int times) {
        int m = r.nextInt(messages.size());
        int at = nthSegmentOf(text, anchor, m) + anchor.length();
        // the UNT counts the copies: the message is wrong only in what it repeats
        String unt = "UNT+13+" + (m + 1) + "'";
        int untAt = text.indexOf(unt, at);
        String rest = text.substring(at, untAt) + "UNT+" + (13 + times) + "+" + (m + 1) + "'"
                + text.substring(untAt + unt.length());
        ByteArrayOutputStream b = new ByteArrayOutputStream(text.length() + times * segment.length());
        byte[] one = segment.getBytes(StandardCharsets.ISO_8859_1);
        b.writeBytes(text.substring(0, at).getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < times; i++) {
            b.writeBytes(one);
        }
        b.writeBytes(rest.getBytes(StandardCharsets.ISO_8859_1));
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String letters(Random r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('A' + r.nextInt(26));
        }
        return new String(c);
    }
}
