package dev.atoll.tests.misuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.atoll.CorruptFileException;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.codec.SchemaLayout;
import dev.atoll.tests.Message;
import dev.atoll.tests.crash.CrashItem;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the value decoder ({@link CollectionCodec#decode}) with Jazzer: any bytes must decode to an
 * object of the collection's class or fail with {@link CorruptFileException}; anything else escaping
 * (another exception, a hang, an OutOfMemoryError) is a finding.
 *
 * <p>Input: the first byte picks the mode. Even: the rest is a payload, framed here with a valid
 * header and checksum, so that the fuzzer reaches the tag parser. Odd: the rest is the whole value.
 *
 * <p>In {@code mvn verify} this replays the saved corpus ({@code src/test/resources/dev/atoll/tests/
 * misuse/DecoderFuzzTestInputs/}). To fuzz for longer (new findings are saved there too):
 * {@code JAZZER_FUZZ=1 mvn -pl tests -am test -Dtest=DecoderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Djazzer.max_duration=10m}.
 */
class DecoderFuzzTest {
    private static final CollectionCodec<Message> MESSAGES;
    private static final CollectionCodec<CrashItem> ITEMS;

    static {
        CollectionSchema message = CollectionSchema.of(Message.class);
        CollectionSchema item = CollectionSchema.of(CrashItem.class);
        Codecs codecs = Codecs.create(List.of(message, item), Map.of(message.name(), SchemaLayout.initial(message),
                item.name(), SchemaLayout.initial(item)));
        MESSAGES = codecs.codec(Message.class);
        ITEMS = codecs.codec(CrashItem.class);
    }

    @FuzzTest(maxDuration = "10s")
    void decode_anyBytes_givesObjectOrCorruptFileException(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(data, 1, data.length);
        boolean framed = (data[0] & 1) == 0; // framed: sealed for the id it is decoded as, so the payload is read
        byte[] value = framed ? SecurityTest.frame(rest, 7) : rest;
        synchronized (DecoderFuzzTest.class) { // the codecs are for one thread at a time
            try {
                Message m = MESSAGES.decode(7, value, 0, value.length);
                if (m.getClass() != Message.class || m.id != 7) {
                    throw new IllegalStateException("decoded a wrong object: " + m);
                }
            } catch (CorruptFileException expected) {
                // the only allowed failure
            }
            value = framed ? SecurityTest.frame(rest, 8) : rest;
            try {
                CrashItem i = ITEMS.decode(8, value, 0, value.length);
                if (i.getClass() != CrashItem.class || i.id != 8) {
                    throw new IllegalStateException("decoded a wrong object: " + i);
                }
            } catch (CorruptFileException expected) {
                // the only allowed failure
            }
        }
    }
}
