package dev.atoll.internal.codec;

/** A cheap internal signal that a payload is malformed; turned into a CorruptFileException by the codec. */
final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
        super(message, null, false, false);
    }
}
