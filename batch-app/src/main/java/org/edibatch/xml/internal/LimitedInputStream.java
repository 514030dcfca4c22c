package org.edibatch.xml.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what the parser pulls and stops it past the file limit, or when it reads too far without handing
 * out an event: the JDK parser buffers a whole attribute, comment or tag, so that is where its memory would
 * grow with the input.
 */
public final class LimitedInputStream extends FilterInputStream {

    /** Thrown through the parser; the reader recognises it as the cause of the parse failure. */
    public static final class LimitReached extends IOException {
        public LimitReached(String message) {
            super(message);
        }
    }

    private final long maxBytes;
    private final long maxTokenBytes;
    private long consumed;
    private long atLastEvent;

    public LimitedInputStream(InputStream in, long maxBytes, long maxTokenBytes) {
        super(in);
        this.maxBytes = maxBytes;
        this.maxTokenBytes = maxTokenBytes;
    }

    public void eventSeen() {
        atLastEvent = consumed;
    }

    public long consumed() {
        return consumed;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        count(s);
        return s;
    }

    private void count(long n) throws LimitReached {
        consumed += n;
        if (consumed > maxBytes) {
            throw new LimitReached("file larger than " + maxBytes + " bytes");
        }
        // the parser reads ahead a buffer or two; the limit is meant for tokens far bigger than that
        if (consumed - atLastEvent > maxTokenBytes) {
            throw new LimitReached("more than " + maxTokenBytes + " bytes without a complete XML token");
        }
    }
}
