package dev.atoll.tests.misuse;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollException;
import dev.atoll.AtollOptions;
import dev.atoll.CorruptFileException;
import dev.atoll.ErrorCode;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.codec.SchemaLayout;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Owner-only files, encryption at rest, and values that name classes Atoll never registered. */
class SecurityTest {
    private static final String SECRET = "the-plaintext-marker-4711";
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("SecurityTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void open_defaultOptions_createsDirectory0700AndFile0600() throws Exception {
        assumeTrue(posix(dir), "POSIX permissions only");
        Path home = dir.resolve("home");
        Atoll db = Atoll.open(kit.system(), List.of(Note.class), home, "perm");
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    home.resolve("perm.atoll"))));
        } finally {
            db.close();
        }
    }

    @Test
    void open_filePermissionsOption_createsThose() throws Exception {
        assumeTrue(posix(dir), "POSIX permissions only");
        Path home = dir.resolve("shared-home");
        AtollOptions options = AtollOptions.builder()
                .filePermissions(PosixFilePermissions.fromString("rw-r-----")).build();
        Atoll db = Atoll.open(kit.system(), List.of(Note.class), home, "group", options);
        try {
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    home.resolve("group.atoll"))));
        } finally {
            db.close();
        }
    }

    @Test
    void encryptionKey_fileHoldsNoPlaintextAndReopensWithTheKey() throws Exception {
        char[] key = "7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e".toCharArray();
        write(dir.resolve("plain"), "plain", AtollOptions.defaults());
        write(dir.resolve("secret"), "secret", AtollOptions.builder().encryptionKey(key).build());

        byte[] marker = SECRET.getBytes(StandardCharsets.UTF_8);
        // LZF cuts literal runs every 32 bytes, and compaction may rewrite the page at another offset, so
        // the control looks for an 8-byte piece of the text (the encrypted file must hold none of it whole).
        byte[] plain = Files.readAllBytes(dir.resolve("plain/plain.atoll"));
        boolean found = false;
        for (int i = 0; i + 8 <= marker.length && !found; i++) {
            found = indexOf(plain, java.util.Arrays.copyOfRange(marker, i, i + 8)) >= 0;
        }
        assertTrue(found, "control: a plain file holds the text");
        byte[] encrypted = Files.readAllBytes(dir.resolve("secret/secret.atoll"));
        assertEquals(-1, indexOf(encrypted, marker), "the encrypted file must not hold the plaintext");
        assertEquals(-1, indexOf(encrypted, "Note".getBytes(StandardCharsets.UTF_8)),
                "nor the collection name");

        Atoll db = Atoll.open(kit.system(), List.of(Note.class), dir.resolve("secret"), "secret",
                AtollOptions.builder().encryptionKey(key).build());
        try {
            assertEquals(SECRET + " 7", db.collection(Note.class).get(8).text);
            assertEquals(20, db.collection(Note.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    void encryptionKey_wrongOrMissingOrSuperfluous_failsWithWrongKeyNotCorrupt() throws Exception {
        write(dir.resolve("secret"), "secret",
                AtollOptions.builder().encryptionKey("right-key-0123456789".toCharArray()).build());
        write(dir.resolve("plain"), "plain", AtollOptions.defaults());

        AtollException wrong = assertThrows(AtollException.class, () -> Atoll.open(kit.system(), List.of(Note.class),
                dir.resolve("secret"), "secret", AtollOptions.builder().encryptionKey("wrong-key-0123456789"
                        .toCharArray()).build()));
        assertEquals(ErrorCode.WRONG_KEY, wrong.code(), wrong.toString());
        assertFalse(wrong instanceof CorruptFileException);
        assertTrue(wrong.getMessage().contains("wrong encryption key"), wrong.getMessage());

        AtollException missing = assertThrows(AtollException.class, () -> Atoll.open(kit.system(),
                List.of(Note.class), dir.resolve("secret"), "secret"));
        assertEquals(ErrorCode.WRONG_KEY, missing.code(), missing.toString());
        assertTrue(missing.getMessage().contains("is encrypted"), missing.getMessage());

        AtollException superfluous = assertThrows(AtollException.class, () -> Atoll.open(kit.system(),
                List.of(Note.class), dir.resolve("plain"), "plain", AtollOptions.builder()
                        .encryptionKey("any-key-0123456789".toCharArray()).build()));
        assertEquals(ErrorCode.WRONG_KEY, superfluous.code(), superfluous.toString());
        assertTrue(superfluous.getMessage().contains("not encrypted"), superfluous.getMessage());

        Atoll db = Atoll.open(kit.system(), List.of(Note.class), dir.resolve("secret"), "secret",
                AtollOptions.builder().encryptionKey("right-key-0123456789".toCharArray()).build());
        try {
            assertEquals(20, db.collection(Note.class).count(), "the failed opens changed nothing");
        } finally {
            db.close();
        }
    }

    @Test
    void decode_valueCraftedWithAForeignClass_neverInstantiatesItAndFailsAsCorrupt() {
        Kryo foreign = new Kryo();
        foreign.setRegistrationRequired(false);
        Output out = new Output(256, -1);
        foreign.writeClassAndObject(out, new Gadget());
        byte[] payload = out.toBytes();
        String className = Gadget.class.getName(); // Kryo marks the last character of an ASCII name
        assertTrue(indexOf(payload, className.substring(0, className.length() - 1)
                .getBytes(StandardCharsets.UTF_8)) >= 0, "the crafted bytes name the foreign class");
        Gadget.CREATED.set(0);

        CollectionSchema schema = CollectionSchema.of(Note.class);
        Codecs codecs = Codecs.create(List.of(schema), Map.of(schema.name(), SchemaLayout.initial(schema)));
        CollectionCodec<Note> codec = codecs.codec(Note.class);
        byte[] value = frame(payload, 1);
        Object decoded;
        try {
            decoded = codec.decode(1, value, 0, value.length);
        } catch (CorruptFileException e) {
            decoded = e;
        }
        assertEquals(0, Gadget.CREATED.get(), "the foreign class must never be instantiated");
        if (decoded instanceof Note note) {
            // The tags happened to parse as fields of Note: still only a Note, never a foreign object.
            assertSame(Note.class, note.getClass());
        } else {
            assertTrue(decoded instanceof CorruptFileException, String.valueOf(decoded));
        }
        byte[] registeredElsewhere = frame(new byte[] {(byte) 0x8a, 0x01, 0x7f, 'x'}, 2);
        assertThrows(CorruptFileException.class, () -> codec.decode(2, registeredElsewhere, 0,
                registeredElsewhere.length));
    }

    private void write(Path home, String name, AtollOptions options) {
        Atoll db = Atoll.open(kit.system(), List.of(Note.class), home, name, options);
        try {
            AtollCollection<Note> notes = db.collection(Note.class);
            db.writeTxnSync(() -> {
                for (int i = 0; i < 20; i++) {
                    notes.put(new Note(SECRET + " " + i));
                }
            });
        } finally {
            db.close();
        }
    }

    /**
     * A stored value around a payload, as the codec writes it for object {@code id}: version 1, varint
     * length, CRC32C of the id and the payload (big-endian), payload.
     */
    static byte[] frame(byte[] payload, long id) {
        byte[] len = varint(payload.length);
        byte[] value = new byte[1 + len.length + 4 + payload.length];
        value[0] = 1;
        System.arraycopy(len, 0, value, 1, len.length);
        CRC32C crc = new CRC32C();
        crc.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(id).array());
        crc.update(payload);
        int c = (int) crc.getValue();
        int p = 1 + len.length;
        value[p] = (byte) (c >>> 24);
        value[p + 1] = (byte) (c >>> 16);
        value[p + 2] = (byte) (c >>> 8);
        value[p + 3] = (byte) c;
        System.arraycopy(payload, 0, value, p + 4, payload.length);
        assertNotEquals(0, value.length);
        return value;
    }

    private static byte[] varint(int v) {
        byte[] b = new byte[5];
        int n = 0;
        while ((v & ~0x7F) != 0) {
            b[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[n++] = (byte) v;
        return java.util.Arrays.copyOf(b, n);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A class no Atoll Kryo registers; counts its instances. */
    public static final class Gadget {
        static final AtomicInteger CREATED = new AtomicInteger();
        public String command = "rm -rf /";

        public Gadget() {
            CREATED.incrementAndGet();
        }
    }
}
