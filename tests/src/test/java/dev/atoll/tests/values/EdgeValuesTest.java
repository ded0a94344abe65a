package dev.atoll.tests.values;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Floating-point edge values survive exportJson and importJson bit for bit. */
class EdgeValuesTest {
    private static final double[] DOUBLES = {-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_NORMAL, 0.1, 1e23, 2.2250738585072011e-308, 9007199254740993.0, 4.35, 1.0 / 3};
    private static final float[] FLOATS = {-0.0f, 0.0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, 1.0e10f,
        16777217f, 1.0f / 3, 8.589973e9f};

    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Floats> coll;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("EdgeValuesTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Floats.class), dir, "edges");
        coll = db.collection(Floats.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Floats of(double d, float f) {
        Floats x = new Floats();
        x.d = d;
        x.f = f;
        x.boxedD = d;
        x.boxedF = f;
        x.ds = new ArrayList<>(Arrays.asList(d, null, -d));
        x.fs = new ArrayList<>(Arrays.asList(f, null, -f));
        return x;
    }

    /** Exports everything, clears, imports, and checks every value bit for bit (NaN: any NaN is the NaN). */
    private void exportImportAndCheck(List<Floats> written) {
        List<Long> ids = db.writeTxnSync(() -> coll.putAll(written));
        String json = coll.query().exportJson();
        db.writeTxnSync(() -> coll.clear());
        assertEquals(ids, db.writeTxnSync(() -> coll.importJson(json)));
        for (int i = 0; i < written.size(); i++) {
            Floats w = written.get(i);
            Floats r = coll.get(ids.get(i));
            String what = "object " + i + " (d " + w.d + ", f " + w.f + ") from " + json.length() + " chars of JSON";
            assertEquals(Double.doubleToLongBits(w.d), Double.doubleToLongBits(r.d), what);
            assertEquals(Double.doubleToLongBits(w.boxedD), Double.doubleToLongBits(r.boxedD), what);
            assertEquals(Float.floatToIntBits(w.f), Float.floatToIntBits(r.f), what);
            assertEquals(Float.floatToIntBits(w.boxedF), Float.floatToIntBits(r.boxedF), what);
            assertEquals(w.ds, r.ds, what); // Double.equals compares bits: -0.0 differs from 0.0
            assertEquals(w.fs, r.fs, what);
        }
    }

    @Test
    void exportImport_edgeDoublesAndFloats_bitExact() {
        List<Floats> written = new ArrayList<>();
        for (int i = 0; i < Math.max(DOUBLES.length, FLOATS.length); i++) {
            written.add(of(DOUBLES[i % DOUBLES.length], FLOATS[i % FLOATS.length]));
        }
        exportImportAndCheck(written);
    }

    @Test
    void exportImport_randomBitPatterns_bitExact() {
        long seed = Long.getLong("atoll.values.seed", System.nanoTime());
        System.out.println("EdgeValuesTest seed: -Datoll.values.seed=" + seed);
        Random r = new Random(seed);
        List<Floats> written = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            written.add(of(Double.longBitsToDouble(r.nextLong()), Float.intBitsToFloat(r.nextInt())));
        }
        exportImportAndCheck(written);
    }

    @Test
    void importJson_negativeZeroSpellings_keepTheSign() {
        List<Long> ids = db.writeTxnSync(() -> coll.importJson(
                "[{\"id\":-0,\"d\":-0,\"f\":-0e3,\"boxedD\":-0.000,\"boxedF\":-0.0E-2,\"ds\":[-0.0,0],\"fs\":[0.0]}]"));
        Floats r = coll.get(ids.get(0));
        assertEquals(1, ids.get(0), "an id of -0 is 0: the next id");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.d));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(r.f));
        assertEquals(-0.0, r.boxedD);
        assertEquals(-0.0f, r.boxedF);
        assertEquals(List.of(-0.0, 0.0), r.ds);
        assertEquals(List.of(0.0f), r.fs);
    }

    @Test
    void importJson_floatBetweenTwoFloats_roundedOnce() {
        // 1 + 2^-24 + 2^-60: as a double it rounds to 1 + 2^-24, a tie that then rounds to 1.0f; once, to float,
        // it is above the tie and rounds up
        BigDecimal two = BigDecimal.valueOf(2);
        String text = BigDecimal.ONE.add(BigDecimal.ONE.divide(two.pow(24))).add(BigDecimal.ONE.divide(two.pow(60)))
                .toPlainString();
        List<Long> ids = db.writeTxnSync(() -> coll.importJson("[{\"f\":" + text + ",\"boxedF\":" + text + "}]"));
        Floats r = coll.get(ids.get(0));
        assertEquals(Math.nextUp(1.0f), r.f);
        assertEquals(Math.nextUp(1.0f), r.boxedF);
    }

    @Test
    void importJson_fractionalId_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> db.writeTxnSync(() -> coll.importJson("[{\"id\":-0.5}]")));
        assertEquals("importJson into 'Floats', object 0, the id: expected a whole number, found -0.5", e.getMessage());
    }
}
