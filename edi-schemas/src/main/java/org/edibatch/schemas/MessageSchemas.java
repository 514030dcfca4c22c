package org.edibatch.schemas;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The implementation guides of the messages the product reads and writes, as StAEDI schemas.
 * Schemas are parsed once and shared: building one costs far more than reading a message.
 */
public final class MessageSchemas {

    /** Directory used for all customs messages (see edifact/README.md). */
    public static final String DIRECTORY = "D96B";

    /**
     * The guide of the award notices written to EDIFACT bidders (an APERAK, never read from a sender): looked up
     * by this name, not by a UNH message type.
     */
    public static final String AWARD_NOTICE = "APERAK-AWARD";

    /**
     * The guide of the bids sent in EDIFACT (CONTEN, guide KONEPS-CONTEN-1): read only by the bid intake, so looked
     * up by this name and not by the UNH type (a CONTEN sent to the customs inbox stays a type we do not process).
     */
    public static final String BID = "CONTEN-BID";

    private static final Map<String, String> RESOURCES = Map.of(
            "CUSDEC", "/edi-schemas/edifact/CUSDEC-D96B-KCS.xml",
            "CUSRES", "/edi-schemas/edifact/CUSRES-D96B-KCS.xml",
            "CONTRL", "/edi-schemas/edifact/CONTRL-D3.xml",
            "APERAK", "/edi-schemas/edifact/APERAK-D96B-KCS.xml",
            "CREMUL", "/edi-schemas/edifact/CREMUL-D96B-KCS.xml",
            AWARD_NOTICE, "/edi-schemas/edifact/APERAK-D96B-AWARD.xml",
            BID, "/edi-schemas/edifact/CONTEN-D96B-KONEPS.xml");

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private MessageSchemas() {
    }

    /** The schema of a message type, or null when the product has no implementation guide for it. */
    public static Schema forType(String messageType) {
        String resource = RESOURCES.get(messageType);
        if (resource == null) {
            return null;
        }
        return CACHE.computeIfAbsent(messageType, t -> load(resource));
    }

    private static Schema load(String resource) {
        try (InputStream in = MessageSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return SchemaFactory.newFactory().createSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (EDISchemaException e) {
            throw new IllegalStateException("invalid schema " + resource, e);
        }
    }
}
