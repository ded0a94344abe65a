package dev.atoll.schema;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.testmodel.Address;
import dev.atoll.testmodel.BoxedIdRec;
import dev.atoll.testmodel.Everything;
import dev.atoll.testmodel.Indexed;
import dev.atoll.testmodel.Rec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tests schema derivation, validation, fingerprints and differences. */
class CollectionSchemaTest {

    private static PropertySchema prop(CollectionSchema s, String name) {
        return s.property(name).orElseThrow();
    }

    @Test
    void of_everything_derivesEveryType() {
        CollectionSchema s = CollectionSchema.of(Everything.class);
        assertEquals("Everything", s.name());
        assertEquals("id", s.idProperty());
        assertFalse(s.isRecord());
        List<String> names = s.properties().stream().map(PropertySchema::name).toList();
        assertEquals(names.stream().sorted().toList(), names, "properties are in name order");
        assertFalse(names.contains("id"));
        assertFalse(names.contains("staticField"));
        assertFalse(names.contains("transientField"));
        assertFalse(names.contains("ignored"));
        assertEquals(33, names.size());
        Map<String, PropertyType> scalars = Map.ofEntries(Map.entry("bool", PropertyType.BOOL),
            Map.entry("b", PropertyType.BYTE), Map.entry("s", PropertyType.SHORT), Map.entry("i", PropertyType.INT),
            Map.entry("l", PropertyType.LONG), Map.entry("f", PropertyType.FLOAT),
            Map.entry("d", PropertyType.DOUBLE));
        scalars.forEach((n, t) -> {
            assertEquals(t, prop(s, n).type(), n);
            assertFalse(prop(s, n).nullable(), n);
            assertEquals(t, prop(s, n + "Box").type(), n + "Box");
            assertTrue(prop(s, n + "Box").nullable(), n + "Box");
        });
        assertEquals(PropertyType.STRING, prop(s, "str").type());
        assertTrue(prop(s, "str").nullable());
        assertEquals(PropertyType.BYTES, prop(s, "bytes").type());
        assertEquals(PropertyType.INSTANT, prop(s, "instant").type());
        PropertySchema color = prop(s, "color");
        assertEquals(PropertyType.ENUM, color.type());
        assertEquals(List.of("RED", "GREEN", "BLUE"), color.enumValues());
        assertEquals("Color", color.typeName());
        PropertySchema address = prop(s, "address");
        assertEquals(PropertyType.EMBEDDED, address.type());
        assertEquals("Address", address.typeName());
        assertEquals(List.of("color", "lines", "number", "street"),
            address.embedded().stream().map(PropertySchema::name).toList());
        assertEquals(PropertyType.LIST, address.embedded().get(1).type());
        assertNull(address.element());
        assertNull(address.enumValues());
        PropertySchema addresses = prop(s, "addresses");
        assertEquals(PropertyType.LIST, addresses.type());
        assertEquals("element", addresses.element().name());
        assertEquals(PropertyType.EMBEDDED, addresses.element().type());
        assertNull(addresses.embedded());
        assertNull(addresses.typeName());
        assertEquals(PropertyType.INT, prop(s, "ints").element().type());
        assertTrue(prop(s, "ints").element().nullable());
        assertEquals(PropertyType.BYTES, prop(s, "blobs").element().type());
        assertEquals(PropertyType.ENUM, prop(s, "colors").element().type());
        assertEquals(PropertyType.INSTANT, prop(s, "instants").element().type());
        PropertySchema point = prop(s, "point");
        assertEquals(List.of("label", "x", "y"), point.embedded().stream().map(PropertySchema::name).toList());
        assertTrue(point.embedded().get(0).nullable());
        assertFalse(point.embedded().get(1).nullable());
        assertEquals(List.of(), s.indexes());
    }

    @Test
    void of_record_derivesComponentsAndSkipsIgnored() {
        CollectionSchema s = CollectionSchema.of(Rec.class);
        assertTrue(s.isRecord());
        assertEquals("Rec", s.name());
        assertEquals(List.of("at", "color", "count", "flag", "name", "point", "points", "tags"),
            s.properties().stream().map(PropertySchema::name).toList());
        assertEquals(List.of(new IndexSchema("name", List.of("name"), false, false, true, false, false)),
            s.indexes());
        CollectionSchema boxed = CollectionSchema.of(BoxedIdRec.class);
        assertEquals("BoxedIdRec", boxed.name());
        assertEquals("id", boxed.idProperty());
    }

    @Test
    void of_indexes_derivesAllKindsInNameOrder() {
        CollectionSchema s = CollectionSchema.of(Indexed.class);
        List<IndexSchema> expected = List.of(
            new IndexSchema("codes_score_name", List.of("codes", "score", "name"), false, false, true, false, true),
            new IndexSchema("color", List.of("color"), false, false, true, false, false),
            new IndexSchema("email", List.of("email"), false, false, false, true, false),
            new IndexSchema("hashedWords", List.of("words"), false, false, true, true, false),
            new IndexSchema("level", List.of("level"), false, false, true, false, false),
            new IndexSchema("name_age", List.of("name", "age"), false, false, false, false, false),
            new IndexSchema("score", List.of("score"), false, false, true, false, false),
            new IndexSchema("tags", List.of("tags"), false, false, true, false, true),
            new IndexSchema("tiny", List.of("tiny"), false, false, true, false, false),
            new IndexSchema("uuid", List.of("uuid"), true, true, true, false, false));
        assertEquals(expected, s.indexes());
    }

    // ---- invalid classes ----

    static class NotAnEntity {
        @Id
        long id;
    }

    @Entity
    static class NoId {
        String name;
    }

    @Entity
    static class TwoIds {
        @Id
        long id;
        @Id
        long other;
    }

    @Entity
    static class IntId {
        @Id
        int id;
    }

    @Entity
    static class MapField {
        @Id
        long id;
        Map<String, String> attributes;
    }

    @Entity
    static class CharField {
        @Id
        long id;
        char letter;
    }

    @Entity
    static class ObjectField {
        @Id
        long id;
        Object anything;
    }

    @Entity
    static class RawList {
        @Id
        long id;
        @SuppressWarnings("rawtypes")
        List items;
    }

    @Entity
    static class ListOfList {
        @Id
        long id;
        List<List<String>> nested;
    }

    @Entity
    static class WildcardList {
        @Id
        long id;
        List<? extends Number> numbers;
    }

    @Entity
    static class NotEmbeddedField {
        @Id
        long id;
        NotAnEntity other;
    }

    @Entity
    static class NoNoArgConstructor {
        @Id
        long id;

        NoNoArgConstructor(long id) {
            this.id = id;
        }
    }

    @Entity
    abstract static class AbstractEntity {
        @Id
        long id;
    }

    @Entity
    interface InterfaceEntity {
    }

    @Entity
    class InnerEntity {
        @Id
        long id;
    }

    @Entity
    static class UnknownComposite {
        @Id
        long id;
        @Index(composite = {"nothing"})
        String name;
    }

    @Entity
    static class DuplicateIndexName {
        @Id
        long id;
        @Index(name = "same")
        String a;
        @Index(name = "same")
        String b;
    }

    @Entity
    static class CompositeTooLarge {
        @Id
        long id;
        @Index(composite = {"b", "c", "d"})
        String a;
        String b;
        String c;
        String d;
    }

    @Entity
    static class ReplaceWithoutUnique {
        @Id
        long id;
        @Index(replace = true)
        String name;
    }

    @Embedded
    static class EmbeddedWithId {
        @Id
        long id;
    }

    @Entity
    static class HoldsEmbeddedWithId {
        @Id
        long id;
        EmbeddedWithId inner;
    }

    @Embedded
    static class EmbeddedWithIndex {
        @Index
        String name;
    }

    @Entity
    static class HoldsEmbeddedWithIndex {
        @Id
        long id;
        EmbeddedWithIndex inner;
    }

    @Embedded
    static class Recursive {
        List<Recursive> children;
    }

    @Entity
    static class HoldsRecursive {
        @Id
        long id;
        Recursive root;
    }

    @Entity
    static class IndexOnId {
        @Id
        @Index
        long id;
    }

    @Entity
    static class IndexOnEmbedded {
        @Id
        long id;
        @Index
        Address address;
    }

    @Embedded
    static class EmbeddedNoCtor {
        String a;

        EmbeddedNoCtor(String a) {
            this.a = a;
        }
    }

    @Entity
    static class HoldsEmbeddedNoCtor {
        @Id
        long id;
        EmbeddedNoCtor inner;
    }

    @Entity
    record RecordMapComponent(@Id long id, Map<String, Integer> map) {
    }

    static Stream<Arguments> invalidClasses() {
        return Stream.of(
            Arguments.of(NotAnEntity.class, "is not annotated with @Entity"),
            Arguments.of(NoId.class, "has no @Id property"),
            Arguments.of(TwoIds.class, "more than one @Id"),
            Arguments.of(IntId.class, "property 'id': @Id must be long or Long but is int"),
            Arguments.of(MapField.class, "property 'attributes' has unsupported type java.util.Map"),
            Arguments.of(CharField.class, "property 'letter' has unsupported type char"),
            Arguments.of(ObjectField.class, "property 'anything' has unsupported type java.lang.Object"),
            Arguments.of(RawList.class, "property 'items' is a raw List"),
            Arguments.of(ListOfList.class, "property 'nested' has unsupported type java.util.List<java.util.List"),
            Arguments.of(WildcardList.class, "property 'numbers' has unsupported type java.util.List<? extends"),
            Arguments.of(NotEmbeddedField.class, "property 'other' has unsupported type "
                + NotAnEntity.class.getName()),
            Arguments.of(NoNoArgConstructor.class, "has no no-arg constructor"),
            Arguments.of(AbstractEntity.class, "cannot be instantiated"),
            Arguments.of(InterfaceEntity.class, "cannot be instantiated"),
            Arguments.of(InnerEntity.class, "has no no-arg constructor (inner classes must be static)"),
            Arguments.of(UnknownComposite.class, "property 'name': @Index composite names unknown property "
                + "'nothing'"),
            Arguments.of(DuplicateIndexName.class, "index name 'same' is used twice"),
            Arguments.of(CompositeTooLarge.class, "property 'a': a composite index has more than 3 properties"),
            Arguments.of(ReplaceWithoutUnique.class, "property 'name': @Index(replace = true) requires unique"),
            Arguments.of(HoldsEmbeddedWithId.class, "property 'id': an @Embedded class cannot have an @Id"),
            Arguments.of(HoldsEmbeddedWithIndex.class, "property 'name': an @Embedded class cannot have an @Index"),
            Arguments.of(IndexOnId.class, "property 'id' is the @Id and cannot have an @Index"),
            Arguments.of(IndexOnEmbedded.class, "property 'address' holds embedded objects and cannot be indexed"),
            Arguments.of(HoldsEmbeddedNoCtor.class, "has no no-arg constructor"),
            Arguments.of(RecordMapComponent.class, "property 'map' has unsupported type java.util.Map"));
    }

    @Embedded
    static class Leaf {
    }

    @Embedded
    static class NotATree {
        List<Leaf> children;
    }

    @Entity(name = "Grove")
    static class GroveTree {
        @Id
        long id;
        Recursive root;
    }

    @Entity(name = "Grove")
    static class GrovePlain {
        @Id
        long id;
        NotATree root;
    }

    @Test
    void differenceFrom_treeAgainstPlainEmbedded_namesThePath() {
        CollectionSchema tree = CollectionSchema.of(GroveTree.class);
        CollectionSchema plain = CollectionSchema.of(GrovePlain.class);
        assertEquals("collection 'Grove': property 'root.children[]' is the embedded class 1 level(s) up again (a tree) here but an"
            + " embedded object of its own in the open instance", tree.differenceFrom(plain).orElseThrow());
        assertEquals("collection 'Grove': property 'root.children[]' is an embedded object of its own here but the embedded class 1"
            + " level(s) up again (a tree) in the open instance", plain.differenceFrom(tree).orElseThrow());
        assertEquals(Optional.empty(), tree.differenceFrom(CollectionSchema.of(GroveTree.class)));
    }

    @Test
    void of_embeddedClassContainingItself_derivedAsATree() {
        CollectionSchema schema = CollectionSchema.of(HoldsRecursive.class);
        PropertySchema root = schema.property("root").orElseThrow();
        PropertySchema element = root.embedded().get(0).element();
        assertTrue(element.isRecursive());
        assertEquals(root.embedded(), element.embedded());
        assertEquals("EMBEDDED?{children:LIST?<EMBEDDED?{^1}>}", root.signature());
    }

    @ParameterizedTest
    @MethodSource("invalidClasses")
    void of_invalidClass_throwsInvalidSchemaNamingClassAndProperty(Class<?> type, String fragment) {
        RuntimeException e = Faults.require(Fault.INVALID_SCHEMA, assertThrows(RuntimeException.class, () -> CollectionSchema.of(type)));
        assertEquals(Fault.INVALID_SCHEMA, Faults.faultOf(e));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        Class<?> named = type;
        if (type == HoldsEmbeddedWithId.class) {
            named = EmbeddedWithId.class;
        } else if (type == HoldsEmbeddedWithIndex.class) {
            named = EmbeddedWithIndex.class;
        } else if (type == HoldsEmbeddedNoCtor.class) {
            named = EmbeddedNoCtor.class;
        }
        assertTrue(e.getMessage().startsWith("class " + named.getName()), e.getMessage());
    }

    // ---- fingerprints ----

    @Entity(name = "Msg")
    static class MsgA {
        @Id
        long id;
        @Index(unique = true)
        String uuid;
        String content;
        int count;
    }

    @Entity(name = "Msg")
    static class MsgReordered {
        int count;
        String content;
        @Index(unique = true)
        String uuid;
        @Id
        long id;
    }

    @Entity(name = "Msg")
    record MsgRecord(@Id long id, int count, String content, @Index(unique = true) String uuid) {
    }

    @Entity(name = "Msg")
    static class MsgContentInt {
        @Id
        long id;
        @Index(unique = true)
        String uuid;
        int content;
        int count;
    }

    @Entity(name = "Msg")
    static class MsgWithTags {
        @Id
        long id;
        @Index(unique = true)
        String uuid;
        String content;
        int count;
        List<String> tags;
    }

    @Entity(name = "Msg")
    static class MsgNotUnique {
        @Id
        long id;
        @Index
        String uuid;
        String content;
        int count;
    }

    @Entity(name = "Msg")
    static class MsgBoxedCount {
        @Id
        long id;
        @Index(unique = true)
        String uuid;
        String content;
        Integer count;
    }

    @Entity(name = "Other")
    static class OtherName {
        @Id
        long id;
        @Index(unique = true)
        String uuid;
        String content;
        int count;
    }

    enum E1 { A, B }

    enum E2 { A, B, C }

    @Entity(name = "En")
    static class WithE1 {
        @Id
        long id;
        E1 e;
    }

    @Entity(name = "En")
    static class WithE2 {
        @Id
        long id;
        E2 e;
    }

    @Embedded
    static class InnerA {
        String x;
    }

    @Embedded
    static class InnerB {
        int x;
    }

    @Entity(name = "Nest")
    static class NestA {
        @Id
        long id;
        InnerA inner;
    }

    @Entity(name = "Nest")
    static class NestB {
        @Id
        long id;
        InnerB inner;
    }

    @Test
    void fingerprint_sameStructure_sameValueRegardlessOfClassOrOrder() {
        long a = CollectionSchema.of(MsgA.class).fingerprint();
        assertEquals(a, CollectionSchema.of(MsgReordered.class).fingerprint());
        assertEquals(a, CollectionSchema.of(MsgRecord.class).fingerprint());
        assertEquals(CollectionSchema.of(MsgA.class), CollectionSchema.of(MsgReordered.class));
        assertEquals(CollectionSchema.of(MsgA.class).hashCode(), CollectionSchema.of(MsgRecord.class).hashCode());
        assertTrue(CollectionSchema.of(MsgA.class).differenceFrom(CollectionSchema.of(MsgRecord.class)).isEmpty());
    }

    @Test
    void fingerprint_isStableAcrossRuns() {
        // a constant: the hash of the canonical description must never change between JVM runs or versions
        CollectionSchema s = CollectionSchema.of(MsgA.class);
        assertEquals("collection=Msg;id=id;p:content:STRING?;p:count:INT;p:uuid:STRING?;i:uuid(uuid)U-C--",
            s.canonicalDescription());
        assertEquals(0xD5FDEE8BC82731E2L, s.fingerprint(), Long.toHexString(s.fingerprint()));
    }

    @Test
    void fingerprint_structuralChange_differs() {
        long a = CollectionSchema.of(MsgA.class).fingerprint();
        for (Class<?> c : List.of(MsgContentInt.class, MsgWithTags.class, MsgNotUnique.class,
            MsgBoxedCount.class, OtherName.class)) {
            assertNotEquals(a, CollectionSchema.of(c).fingerprint(), c.getSimpleName());
            assertNotEquals(CollectionSchema.of(MsgA.class), CollectionSchema.of(c));
        }
        assertNotEquals(CollectionSchema.of(WithE1.class).fingerprint(),
            CollectionSchema.of(WithE2.class).fingerprint());
        assertNotEquals(CollectionSchema.of(NestA.class).fingerprint(),
            CollectionSchema.of(NestB.class).fingerprint());
    }

    @Test
    void differenceFrom_describesFirstDifference() {
        CollectionSchema a = CollectionSchema.of(MsgA.class);
        assertEquals("collection 'Msg': property 'content' is STRING here but INT in the open instance",
            a.differenceFrom(CollectionSchema.of(MsgContentInt.class)).orElseThrow());
        assertEquals("collection 'Msg': property 'tags' is missing in the open instance",
            CollectionSchema.of(MsgWithTags.class).differenceFrom(a).orElseThrow());
        assertEquals("collection 'Msg': property 'tags' is missing here but present in the open instance",
            a.differenceFrom(CollectionSchema.of(MsgWithTags.class)).orElseThrow());
        assertEquals("collection 'Msg': index 'uuid' differs (unique here, not unique in the open instance)",
            a.differenceFrom(CollectionSchema.of(MsgNotUnique.class)).orElseThrow());
        assertEquals("collection 'Msg': property 'count' is not nullable here but nullable in the open instance",
            a.differenceFrom(CollectionSchema.of(MsgBoxedCount.class)).orElseThrow());
        assertEquals("collection 'Msg': the name is 'Msg' here but 'Other' in the open instance",
            a.differenceFrom(CollectionSchema.of(OtherName.class)).orElseThrow());
        assertEquals("collection 'En': property 'e' has enum values [A, B] here but [A, B, C] in the open instance",
            CollectionSchema.of(WithE1.class).differenceFrom(CollectionSchema.of(WithE2.class)).orElseThrow());
        assertEquals("collection 'Nest': property 'inner.x' is STRING here but INT in the open instance",
            CollectionSchema.of(NestA.class).differenceFrom(CollectionSchema.of(NestB.class)).orElseThrow());
    }

    @Test
    void signature_describesNestedTypes() {
        CollectionSchema s = CollectionSchema.of(Everything.class);
        assertEquals("LIST?<EMBEDDED?{color:ENUM?[RED,GREEN,BLUE],lines:LIST?<STRING?>,number:INT,street:STRING?}>",
            prop(s, "addresses").signature());
        assertEquals("LIST<EMBEDDED>", prop(s, "addresses").typeDescription());
    }

    @Test
    void propertySchema_inconsistentParts_rejected() {
        assertThrows(IllegalArgumentException.class,
            () -> new PropertySchema("x", PropertyType.LIST, true, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
            () -> new PropertySchema("x", PropertyType.INT, true, null, null, List.of("A"), null));
    }
}
