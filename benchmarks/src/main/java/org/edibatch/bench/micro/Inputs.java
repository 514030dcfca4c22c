package org.edibatch.bench.micro;

import org.edibatch.samples.Cusdec;
import org.edibatch.samples.Interchange;

/** The inputs the micro-benchmarks share: built in memory, so a measurement reads no disk. */
final class Inputs {

    /** Declarations per interchange: the load generator's default, and the size of a nightly file. */
    static final int MESSAGES = 100;

    private Inputs() {
    }

    /** A good interchange of Hanbit Trading: {@link #MESSAGES} declarations of one or two goods items. */
    static byte[] interchange() {
        Interchange ic = Interchange.from("HANBITTRD", "HB0001");
        for (int i = 0; i < MESSAGES; i++) {
            Cusdec d = Cusdec.declaration(String.format("HB26112%05d", i)).item("9503003900", "CN", "100", "PCE", "800.00");
            if (i % 2 == 0) {
                d.item("8471300000", "CN", "10", "PCE", "10000.00");
            }
            ic.message(d);
        }
        return ic.bytes();
    }
}
