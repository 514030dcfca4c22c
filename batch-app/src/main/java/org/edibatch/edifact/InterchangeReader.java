package org.edibatch.edifact;

import io.xlate.edi.schema.Schema;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import org.edibatch.schemas.MessageSchemas;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one EDIFACT interchange message by message on top of StAEDI; only the current message is held
 * in memory. StAEDI validates structure, lengths, types, codes and UNT/UNZ counts and references; this
 * class adds what StAEDI leaves out (character repertoire of the syntax level, trailing separators,
 * duplicate message references) and turns every finding into a 0085 code with its position.
 *
 * <p>In envelope mode no message schema is applied and segments are not kept: it is the cheap first pass
 * that decides whether the interchange as a whole is acceptable before any message is processed.
 */
public final class InterchangeReader implements Closeable {

    private static final EDIInputFactory FACTORY = newFactory();

    /**
     * The syntax errors kept per message. One message repeating a segment a million times has a million errors:
     * kept, they would take the memory, the answer and the database rows of a million, for a message refused by
     * its first. Past the bound the message is no longer validated ({@link EdifactMessage#uncheckedSegments()}).
     */
    public static final int MAX_ERRORS_PER_MESSAGE = 100;

    /**
     * The longest data element StAEDI reads (its lexer's buffer): a longer one stops it. The directory's longest
     * element is 512 characters, so such a value is always an error (0085 code 39), found by the claim.
     */
    public static final int MAX_ELEMENT_CHARS = 4096;

    private final EDIStreamReader reader;
    private final boolean full;
    private final MessageTypes types;
    private final List<SyntaxError> interchangeErrors = new ArrayList<>();
    private final MessageReferences messageReferences = new MessageReferences();

    private InterchangeHeader header;
    private SyntaxLevel level;
    private int messageCount;
    private boolean ended;

    // state of the message being read
    private List<Segment> segments;
    private List<SyntaxError> messageErrors;
    /** Errors found in the message, also those past {@link #MAX_ERRORS_PER_MESSAGE}. */
    private int messageErrorCount;
    /** Segments of the message read after it reached {@link #MAX_ERRORS_PER_MESSAGE}, not validated. */
    private int uncheckedSegments;
    /**
     * Whether the message's segments are still kept: a message with a syntax error is not decided, so its
     * segments are no longer needed, and a message of a million unexpected segments then costs no memory.
     */
    private boolean keepSegments;
    private long unhPosition;
    private String[] unh;
    private boolean inMessage;
    /** Envelope mode, inside a message body: what a segment holds can only yield message errors, not kept here. */
    private boolean skipSegment;
    /** The current message is of a type not read here: its body is neither validated nor kept. */
    private boolean skipBody;

    // state of the segment being read
    private String segmentTag;
    private List<List<String>> elements;
    private final List<SyntaxError> pendingConstituentErrors = new ArrayList<>();
    private boolean lastSimpleElementEmpty;
    private boolean lastEventWasComposite;
    private boolean inComposite;
    private boolean lastComponentEmpty;
    private int componentCount;
    private int trailingElementPosition;
    private int trailingComponentPosition;
    private boolean compositeTrailing;

    private InterchangeReader(InputStream in, boolean full, MessageTypes types) {
        try {
            // Latin-1 maps every byte to one char, so nothing is lost; UNOY text is re-decoded as UTF-8 below.
            this.reader = FACTORY.createEDIStreamReader(in, StandardCharsets.ISO_8859_1.name());
        } catch (EDIStreamException e) {
            throw new IllegalStateException(e);
        }
        this.full = full;
        this.types = types;
    }

    private static EDIInputFactory newFactory() {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        return factory;
    }

    /**
     * Opens an interchange and reads up to the end of its UNB segment; any message the product has a guide for
     * is validated against it (the product's own answers included).
     */
    public static InterchangeReader open(InputStream in, boolean validateMessages) throws EdifactFormatException {
        return open(in, validateMessages, MessageTypes.GUIDES);
    }

    /** {@link #open(InputStream, boolean)} for a sender's interchange: only what senders may send us is read. */
    public static InterchangeReader inbound(InputStream in, boolean validateMessages) throws EdifactFormatException {
        return open(in, validateMessages, MessageTypes.INBOUND);
    }

    /** {@link #open(InputStream, boolean)} for a bank's interchange: only what banks may send us is read. */
    public static InterchangeReader fromBank(InputStream in, boolean validateMessages) throws EdifactFormatException {
        return open(in, validateMessages, MessageTypes.BANK);
    }

    private static InterchangeReader open(InputStream in, boolean validateMessages, MessageTypes types)
            throws EdifactFormatException {
        InterchangeReader r = new InterchangeReader(in, validateMessages, types);
        r.readHeader();
        return r;
    }

    public InterchangeHeader header() {
        return header;
    }

    public SyntaxLevel syntaxLevel() {
        return level;
    }

    /** Errors of the interchange envelope (UNB/UNZ); complete once {@link #next()} has returned null. */
    public List<SyntaxError> interchangeErrors() {
        return interchangeErrors;
    }

    public int messageCount() {
        return messageCount;
    }

    public boolean ended() {
        return ended;
    }

    private void readHeader() throws EdifactFormatException {
        try {
            if (!reader.hasNext()) {
                throw new EdifactFormatException("empty file: no UNB segment", 0, null);
            }
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                handle(event);
                if (event == EDIStreamEvent.END_SEGMENT && "UNB".equals(segmentTag)) {
                    return;
                }
            }
            throw new EdifactFormatException("no complete UNB segment", 0, null);
        } catch (EDIStreamException | RuntimeException e) {
            throw new EdifactFormatException("not a readable EDIFACT interchange", position(), e);
        }
    }

    /** The next message, or null when the interchange has ended. */
    public EdifactMessage next() throws EdifactFormatException {
        if (ended) {
            return null;
        }
        try {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                EdifactMessage completed = handle(event);
                if (completed != null) {
                    return completed;
                }
                if (event == EDIStreamEvent.END_INTERCHANGE) {
                    if (inMessage) {
                        missingUnt("the UNZ");
                    }
                    ended = true;
                    afterUnz();
                    return null;
                }
            }
        } catch (EDIStreamException | RuntimeException e) {
            if (causedBy(e, java.nio.BufferOverflowException.class)) {
                throw new EdifactFormatException("a data element of segment " + (position() + 1) + " is longer than "
                        + MAX_ELEMENT_CHARS + " characters: the interchange cannot be read past it", position(), e,
                        SyntaxErrorCode.TOO_LONG.code());
            }
            throw new EdifactFormatException("interchange cannot be read past segment " + position(), position(), e);
        }
        throw new EdifactFormatException("interchange is truncated: no UNZ segment", position(), null);
    }

    /**
     * One interchange per file (edi-schemas/README.md): whatever follows the UNZ but line breaks, a second
     * interchange or any other data, refuses the interchange (0085 code 15), or it would be neither processed
     * nor answered.
     */
    private void afterUnz() {
        String what;
        try {
            if (!reader.hasNext()) {
                return;
            }
            EDIStreamEvent event = reader.next();
            what = event == EDIStreamEvent.START_INTERCHANGE ? "a second interchange follows the UNZ" : null;
        } catch (EDIStreamException | RuntimeException e) {
            what = null;
        }
        if (what == null) {
            what = "data follows the UNZ";
        }
        interchangeError(new SyntaxError(SyntaxErrorCode.NOT_SUPPORTED_IN_POSITION.code(), 0,
                what.startsWith("a second") ? "UNB" : "UNZ", 0, 0, what + ": a file holds one interchange"));
    }

    /**
     * The message being read has no UNT: where it ends is unknown, so the interchange is refused whole (0085
     * code 13, UNT) rather than the message dropped or merged with the next.
     */
    private void missingUnt(String follower) {
        interchangeError(new SyntaxError(SyntaxErrorCode.MISSING.code(), 0, "UNT", 0, 0,
                "message " + SyntaxError.quoted(unh[0]) + " (message " + (messageCount + 1)
                        + " of the interchange) has no UNT: " + follower + " follows its last segment"));
        messageCount++;
        inMessage = false;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * After {@link #next()} failed: the message it was reading (or the next one) as refused with the failure's
     * 0085 code, for a reader that must answer what it cannot read rather than stop. Nothing after it is read.
     */
    public EdifactMessage unreadable(EdifactFormatException e) {
        ended = true;
        int index = messageCount++;
        // the UNH may itself be what could not be read: then nothing of it is known
        boolean known = unh != null && unh[1] != null && !unh[1].isEmpty();
        String ref = inMessage && unh[0] != null && !unh[0].isEmpty() ? unh[0] : Integer.toString(index + 1);
        SyntaxError error = new SyntaxError(e.code(), inMessage ? 1 : 0, "UNH", 0, 0,
                "the interchange cannot be read from here on (" + e.getMessage() + "); this message and any after "
                        + "it are refused");
        return new EdifactMessage(index, ref, known ? unh[1] : "UNKNOWN", known ? nonNull(unh[2]) : "",
                known ? nonNull(unh[3]) : "", known ? nonNull(unh[4]) : "", List.of(), List.of(error), 0);
    }

    private long position() {
        Location l = reader.getLocation();
        return l == null ? 0 : l.getSegmentPosition();
    }

    private EdifactMessage handle(EDIStreamEvent event) {
        if (skipSegment && event != EDIStreamEvent.END_SEGMENT) {
            return null;
        }
        switch (event) {
            case START_TRANSACTION:
                return null;
            case START_SEGMENT:
                startSegment();
                return null;
            case START_COMPOSITE:
                inComposite = true;
                componentCount = 0;
                lastComponentEmpty = false;
                return null;
            case END_COMPOSITE:
                inComposite = false;
                lastEventWasComposite = true;
                lastSimpleElementEmpty = false;
                compositeTrailing = componentCount > 1 && lastComponentEmpty;
                return null;
            case ELEMENT_DATA:
                elementData();
                return null;
            case SEGMENT_ERROR:
            case ELEMENT_DATA_ERROR:
            case ELEMENT_OCCURRENCE_ERROR:
                error(reader.getErrorType());
                return null;
            case END_SEGMENT:
                return endSegment();
            default:
                return null;
        }
    }

    private void startSegment() {
        segmentTag = reader.getText();
        elements = new ArrayList<>();
        pendingConstituentErrors.clear();
        lastSimpleElementEmpty = false;
        lastEventWasComposite = false;
        compositeTrailing = false;
        if ("UNZ".equals(segmentTag) && inMessage) {
            missingUnt("the UNZ");
        }
        if ("UNH".equals(segmentTag)) {
            if (inMessage) {
                missingUnt("a UNH");
            }
            inMessage = true;
            unhPosition = reader.getLocation().getSegmentPosition();
            segments = new ArrayList<>();
            messageErrors = new ArrayList<>();
            messageErrorCount = 0;
            uncheckedSegments = 0;
            keepSegments = full;
            unh = new String[6];
            skipBody = false;
        }
        // Past its error bound a message's segments are only counted: they can only add errors no one reads. The
        // body of a message type not read here is not checked at all (its own refusal says why).
        skipSegment = inMessage && !"UNH".equals(segmentTag) && !"UNT".equals(segmentTag)
                && (!full || skipBody || messageErrorCount >= MAX_ERRORS_PER_MESSAGE);
        if (skipSegment && full && !skipBody) {
            uncheckedSegments++;
        }
    }

    private void elementData() {
        Location l = reader.getLocation();
        int el = l.getElementPosition();
        int comp = l.getComponentPosition();
        if (l.getElementOccurrence() > 1) {
            return; // repetitions are not used by the product's guides; StAEDI reports them as too many
        }
        String text = decode(reader.getText());
        if (!text.isEmpty() && level != null) {
            int bad = level.firstInvalid(text);
            if (bad >= 0) {
                addError(new SyntaxError(SyntaxErrorCode.INVALID_CHARACTER.code(), messagePosition(l), segmentTag, el,
                        Math.max(comp, 0), "character '" + SyntaxError.quoted(text.substring(bad, bad + 1))
                        + "' is not allowed in syntax level " + level));
            }
        }
        if (inComposite) {
            componentCount++;
            lastComponentEmpty = text.isEmpty();
            trailingComponentPosition = comp;
        } else {
            lastSimpleElementEmpty = text.isEmpty();
            lastEventWasComposite = false;
        }
        trailingElementPosition = el;
        if (keepSegments || !inMessage || "UNH".equals(segmentTag) || "UNT".equals(segmentTag)) {
            store(el, comp, text);
        }
    }

    private String decode(String latin1) {
        if (level == SyntaxLevel.UNOY) {
            return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        return latin1;
    }

    private void store(int el, int comp, String text) {
        while (elements.size() < el) {
            elements.add(new ArrayList<>());
        }
        List<String> components = elements.get(el - 1);
        int index = Math.max(comp, 1);
        while (components.size() < index) {
            components.add("");
        }
        components.set(index - 1, text);
    }

    private void error(EDIStreamValidationError type) {
        if (type == EDIStreamValidationError.SEGMENT_HAS_DATA_ELEMENT_ERRORS) {
            return; // a summary of element errors reported on their own
        }
        if (inMessage && messageErrorCount >= MAX_ERRORS_PER_MESSAGE) {
            messageErrorCount++; // not kept: describing an error no one reads would cost as much as reading it
            return;
        }
        Location l = reader.getLocation();
        String tag = l.getSegmentTag();
        if (inMessage && "UNH".equals(tag) && l.getElementPosition() == 2 && l.getComponentPosition() <= 4
                && (type == EDIStreamValidationError.INVALID_CODE_VALUE
                || type == EDIStreamValidationError.IMPLEMENTATION_INVALID_CODE_VALUE)) {
            // The message identifier is judged against what is read here (MessageTypes) once UNH is complete:
            // StAEDI's code lists end at some directory (D.03B under syntax 4 is an "invalid" release to it).
            return;
        }
        if (type == EDIStreamValidationError.LOOP_OCCURS_OVER_MAXIMUM_TIMES && !inMessage
                && ("UNH".equals(tag) || "UNG".equals(tag))) {
            // StAEDI's own control schema lets an interchange (or group) hold at most 99,999 messages and reports
            // every message after that here, outside any message. The syntax allows 999,999 (UNZ 0036 is n..6,
            // checked as such on the UNZ), so this is no error; kept, it cost a SyntaxError per message of a huge
            // interchange for as long as the interchange was read, and rejected it in the claim's thorough pass.
            return;
        }
        String code = map(type).code();
        int el = Math.max(l.getElementPosition(), 0);
        int comp = Math.max(l.getComponentPosition(), 0);
        String value = reader.hasText() ? reader.getText() : null;
        if (type.getCategory() == EDIStreamEvent.SEGMENT_ERROR) {
            el = 0;
            comp = 0;
            String missing = reader.getReferenceCode();
            tag = type == EDIStreamValidationError.MANDATORY_SEGMENT_MISSING && missing != null ? missing : tag;
        }
        String text = describe(type, tag, el, comp, value);
        SyntaxError error = new SyntaxError(code, messagePosition(l), tag, el, comp, text);
        if ((type == EDIStreamValidationError.TOO_MANY_COMPONENTS || type == EDIStreamValidationError.TOO_MANY_DATA_ELEMENTS)
                && (value == null || value.isEmpty())) {
            pendingConstituentErrors.add(error); // may turn out to be a trailing separator
            return;
        }
        addError(error);
    }

    private int messagePosition(Location l) {
        if (!inMessage) {
            return 0;
        }
        return (int) (l.getSegmentPosition() - unhPosition + 1);
    }

    private void addError(SyntaxError error) {
        if (inMessage) {
            messageError(error);
        } else {
            interchangeError(error);
        }
    }

    /** Kept up to the same bound as a message's: a file of a million UNH without UNT must not keep a million. */
    private void interchangeError(SyntaxError error) {
        if (interchangeErrors.size() < MAX_ERRORS_PER_MESSAGE) {
            interchangeErrors.add(error);
        }
    }

    private void messageError(SyntaxError error) {
        if (messageErrorCount++ < MAX_ERRORS_PER_MESSAGE) {
            messageErrors.add(error);
        }
        if (messageErrorCount == MAX_ERRORS_PER_MESSAGE) {
            stopValidatingMessage();
        }
        keepSegments = false;
        segments.clear();
    }

    /**
     * StAEDI's validation of a message's segments costs 10-30 microseconds each when they do not fit the guide (a
     * million repeated segments: 10-30 seconds), for errors past the bound that are only counted. So once a
     * message has reached {@link #MAX_ERRORS_PER_MESSAGE}, the rest of it is read as the envelope pass reads a
     * message: StAEDI's transaction validator is dropped (through its fields: StAEDI lets a schema be set only at
     * the start of a message) and set again by the next UNH. Should StAEDI's fields change, validation just goes
     * on, slower, and still in proportion to the message's size.
     */
    private void stopValidatingMessage() {
        if (!full || STAEDI_TRANSACTION_VALIDATOR == null) {
            return;
        }
        try {
            Object proxy = STAEDI_PROXY.get(reader);
            STAEDI_TRANSACTION_VALIDATOR.set(proxy, null);
            STAEDI_TRANSACTION_SCHEMA.set(proxy, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // validation goes on
        }
    }

    private static final java.lang.reflect.Field STAEDI_PROXY;
    private static final java.lang.reflect.Field STAEDI_TRANSACTION_VALIDATOR;
    private static final java.lang.reflect.Field STAEDI_TRANSACTION_SCHEMA;

    static {
        java.lang.reflect.Field proxy = null;
        java.lang.reflect.Field validator = null;
        java.lang.reflect.Field schema = null;
        try {
            EDIStreamReader probe = FACTORY.createEDIStreamReader(new java.io.ByteArrayInputStream(new byte[0]));
            proxy = probe.getClass().getDeclaredField("proxy");
            validator = proxy.getType().getDeclaredField("transactionValidator");
            schema = proxy.getType().getDeclaredField("transactionSchema");
            proxy.setAccessible(true);
            validator.setAccessible(true);
            schema.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            proxy = validator = schema = null;
        }
        STAEDI_PROXY = proxy;
        STAEDI_TRANSACTION_VALIDATOR = validator;
        STAEDI_TRANSACTION_SCHEMA = schema;
    }

    private EdifactMessage endSegment() {
        if (skipSegment) {
            skipSegment = false;
            return null;
        }
        Location l = reader.getLocation();
        boolean trailing = lastSimpleElementEmpty || (lastEventWasComposite && compositeTrailing);
        if (trailing && trailingElementPosition > 0) {
            int comp = lastEventWasComposite ? trailingComponentPosition : 0;
            addError(new SyntaxError(SyntaxErrorCode.TRAILING_SEPARATOR.code(), messagePosition(l), segmentTag,
                    trailingElementPosition, comp, "segment " + segmentTag + " ends with a separator"));
        } else {
            pendingConstituentErrors.forEach(this::addError);
        }
        pendingConstituentErrors.clear();
        switch (segmentTag) {
            case "UNB":
                if (header == null) {
                    header = buildHeader();
                } else if (!inMessage) {
                    // The header stays the first UNB's: a sender cannot rename itself in the middle of a file.
                    interchangeError(new SyntaxError(SyntaxErrorCode.NOT_SUPPORTED_IN_POSITION.code(), 0, "UNB", 0, 0,
                            "a second UNB before the UNZ: a file holds one interchange"));
                } else if (keepSegments) {
                    // inside a message a UNB is a segment its guide does not have (StAEDI's error already says so)
                    segments.add(new Segment(segmentTag, messagePosition(l), elements));
                }
                return null;
            case "UNH":
                onUnh();
                return null;
            case "UNT":
                return endMessage();
            case "UNZ":
                return null;
            default:
                if (inMessage && keepSegments) {
                    segments.add(new Segment(segmentTag, messagePosition(l), elements));
                }
                return null;
        }
    }

    private InterchangeHeader buildHeader() {
        Segment unb = new Segment("UNB", 0, elements);
        InterchangeHeader h = new InterchangeHeader(unb.value(1, 1), unb.value(1, 2), unb.value(2, 1),
                unb.value(2, 2), unb.value(3, 1), unb.value(3, 2), unb.value(4, 1), unb.value(4, 2), unb.value(5));
        level = SyntaxLevel.of(h.syntaxIdentifier(), h.syntaxVersion());
        if (level == null) {
            // Code 2 is the answer for any syntax identifier or version not supported (IATA, UNOA:1...); what
            // StAEDI says of the same element (12 for an identifier outside its list) would only hide it.
            interchangeErrors.removeIf(e -> "UNB".equals(e.segmentTag()) && e.elementPosition() == 1);
            interchangeErrors.add(0, new SyntaxError(SyntaxErrorCode.SYNTAX_LEVEL_NOT_SUPPORTED.code(), 0, "UNB", 1,
                    SyntaxLevel.of(h.syntaxIdentifier(), "4") == null ? 1 : 2,
                    "syntax " + h.syntaxIdentifier() + " version " + h.syntaxVersion()
                            + " is not supported (UNOA, UNOB, UNOC with version 3 or 4; UNOY with version 4)"));
        }
        return h;
    }

    private void onUnh() {
        Segment s = new Segment("UNH", 1, elements);
        unh[0] = s.value(1);
        unh[1] = s.value(2, 1);
        unh[2] = s.value(2, 2);
        unh[3] = s.value(2, 3);
        unh[4] = s.value(2, 4);
        if (!unh[0].isEmpty() && !messageReferences.add(unh[0])) {
            messageError(new SyntaxError(SyntaxErrorCode.DUPLICATE.code(), 1, "UNH", 1, 0,
                    "message reference " + SyntaxError.quoted(unh[0]) + " is used twice in this interchange"));
        }
        if (full) {
            // Set at the end of UNH, from its own S009: StAEDI's transaction type is not reliably
            // available at START_TRANSACTION from the second message of an interchange on.
            SyntaxError unsupported = types.check(unh[1], unh[2], unh[3], unh[4]);
            Schema schema = null;
            if (unsupported != null) {
                messageError(unsupported);
                skipBody = true; // checking it against a guide of another message would only add false errors
            } else {
                schema = MessageSchemas.forType(unh[1]);
            }
            try {
                reader.setTransactionSchema(schema);
            } catch (IllegalStateException e) {
                // StAEDI is still in the message before (it had no UNT, an interchange error): this message is
                // then read under that message's schema, and the interchange is refused anyway.
            }
        }
    }

    private EdifactMessage endMessage() {
        inMessage = false;
        int index = messageCount++;
        return new EdifactMessage(index, unh[0], unh[1], unh[2], unh[3], unh[4],
                keepSegments ? List.copyOf(segments) : List.of(), List.copyOf(messageErrors), uncheckedSegments);
    }

    private static SyntaxErrorCode map(EDIStreamValidationError type) {
        switch (type) {
            case MANDATORY_SEGMENT_MISSING:
            case REQUIRED_DATA_ELEMENT_MISSING:
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING:
            case CONDITIONAL_REQUIRED_SEGMENT_MISSING:
            case IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING:
            case IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING:
            case IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE:
            case IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES:
            case IMPLEMENTATION_TOO_FEW_REPETITIONS:
                return SyntaxErrorCode.MISSING;
            case UNRECOGNIZED_SEGMENT_ID:
            case UNEXPECTED_SEGMENT:
            case SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET:
            case SEGMENT_NOT_IN_PROPER_SEQUENCE:
            case IMPLEMENTATION_UNUSED_SEGMENT_PRESENT:
            case IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT:
            case IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT:
            case IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT:
            case EXCLUSION_CONDITION_VIOLATED:
            case SEGMENT_EXCLUSION_CONDITION_VIOLATED:
                return SyntaxErrorCode.NOT_SUPPORTED_IN_POSITION;
            case SEGMENT_EXCEEDS_MAXIMUM_USE:
            case TOO_MANY_REPETITIONS:
                return SyntaxErrorCode.TOO_MANY_REPETITIONS;
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES:
                return SyntaxErrorCode.TOO_MANY_GROUP_REPETITIONS;
            case TOO_MANY_DATA_ELEMENTS:
            case TOO_MANY_COMPONENTS:
                return SyntaxErrorCode.TOO_MANY_CONSTITUENTS;
            case DATA_ELEMENT_TOO_SHORT:
                return SyntaxErrorCode.TOO_SHORT;
            case DATA_ELEMENT_TOO_LONG:
                return SyntaxErrorCode.TOO_LONG;
            case INVALID_CHARACTER_DATA:
                return SyntaxErrorCode.INVALID_CHARACTER_TYPE;
            case INVALID_CODE_VALUE:
            case IMPLEMENTATION_INVALID_CODE_VALUE:
            case INVALID_DATE:
            case INVALID_TIME:
            case IMPLEMENTATION_PATTERN_MATCH_FAILURE:
                return SyntaxErrorCode.INVALID_VALUE;
            case CONTROL_REFERENCE_MISMATCH:
                return SyntaxErrorCode.REFERENCES_DO_NOT_MATCH;
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT:
                return SyntaxErrorCode.CONTROL_COUNT_MISMATCH;
            default:
                return SyntaxErrorCode.UNSPECIFIED;
        }
    }

    private static String describe(EDIStreamValidationError type, String tag, int el, int comp, String value) {
        if (el <= 0) {
            return "segment " + tag;
        }
        String v = value == null || value.isEmpty() ? "" : ", value '" + SyntaxError.quoted(value) + "'";
        return tag + " element " + el + (comp > 0 ? " component " + comp : "") + v;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
