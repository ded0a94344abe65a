package dev.atoll.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processor generates a metamodel that compiles and types queries, for classes, records, embedded
 * classes and trees, lists, enums and nested classes in other packages; code that misuses it does not
 * compile; entities the runtime refuses are compile errors with the runtime's message.
 */
class MetamodelProcessorTest {
    static final JavaFileObject COLOR = source("shop.Color", "package shop; public enum Color { RED, GREEN }");
    static final JavaFileObject AUTHOR = source("shop.Author", """
            package shop;
            import dev.atoll.schema.*;
            @Embedded public class Author {
                public String name;
                public int age;
                public Color color;
                public transient String cache;
                public static String constant;
            }
            """);
    static final JavaFileObject NODE = source("shop.Node", """
            package shop;
            import dev.atoll.schema.*;
            import java.util.List;
            @Embedded public class Node {
                public String name;
                public List<Node> children;
                public Node first;
                public Leaf leaf;
            }
            """);
    static final JavaFileObject LEAF = source("shop.Leaf", """
            package shop;
            import dev.atoll.schema.*;
            @Embedded public class Leaf { public String text; public Node back; }
            """);
    static final JavaFileObject MESSAGE = source("shop.Message", """
            package shop;
            import dev.atoll.schema.*;
            import java.time.Instant;
            import java.util.List;
            @Entity public class Message {
                @Id public long id;
                @Index public long createdAt;
                @Index(caseSensitive = false) public String title;
                public String content;
                public int priority;
                public Integer boxed;
                public boolean flag;
                public Boolean maybe;
                public byte b; public short s; public float f; public Double d;
                public byte[] blob;
                public Instant when;
                public Color color;
                @Index public List<String> tags;
                public List<Author> authors;
                public Author author;
                public Node tree;
                @Ignore public String ignored;
            }
            """);
    static final JavaFileObject RECORD = source("shop.Order", """
            package shop;
            import dev.atoll.schema.*;
            import java.util.List;
            @Entity(name = "orders") public record Order(@Id Long id, @Index String code, List<Integer> amounts,
                                                         @Ignore String note) {}
            """);
    static final JavaFileObject NESTED = source("other.place.Outer", """
            package other.place;
            import dev.atoll.schema.*;
            public class Outer {
                @Entity public static class Inner { @Id public long id; public String name; }
                public static class Base { public long since; }
                @Entity public static class Derived extends Base { @Id public long id; }
            }
            """);

    static JavaFileObject source(String name, String text) {
        return JavaFileObjects.forSourceString(name, text);
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new MetamodelProcessor()).withOptions("-Xlint:all,-processing", "-Werror")
                .compile(sources);
    }

    static List<JavaFileObject> samples(JavaFileObject... more) {
        List<JavaFileObject> all = new ArrayList<>(List.of(COLOR, AUTHOR, NODE, LEAF, MESSAGE, RECORD, NESTED));
        all.addAll(List.of(more));
        return all;
    }

    static String text(Compilation c, String name) {
        try {
            return c.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JavaFileObject usage(String statements) {
        return source("shop.Use", """
                package shop;
                import dev.atoll.*;
                import dev.atoll.meta.*;
                import java.time.Instant;
                import java.util.List;
                class Use {
                    void run(AtollCollection<Message> messages, AtollCollection<Order> orders, long t0, long t1) {
                """ + statements + """
                    }
                }
                """);
    }

    @Test
    void samples_generateMetamodels_thatCompileWithoutWarnings() {
        Compilation c = compile(samples().toArray(JavaFileObject[]::new));
        assertThat(c).succeededWithoutWarnings();
        for (String name : List.of("shop.Message_", "shop.Order_", "shop.Author_", "shop.Node_", "shop.Leaf_",
                "other.place.Outer_Inner_", "other.place.Outer_Derived_")) {
            assertTrue(c.generatedSourceFile(name).isPresent(), name);
        }
        assertFalse(c.generatedSourceFile("shop.Color_").isPresent(), "enums get no metamodel");
        String message = text(c, "shop.Message_");
        assertTrue(message.contains("ComparableProperty<shop.Message, java.lang.Long> createdAt"), message);
        assertTrue(message.contains("StringProperty<shop.Message> title"), message);
        assertTrue(message.contains("ValueProperty<shop.Message, java.lang.Boolean> flag"), message);
        assertTrue(message.contains("ValueProperty<shop.Message, java.lang.Boolean> maybe"), message);
        assertTrue(message.contains("ComparableProperty<shop.Message, byte[]> blob"), message);
        assertTrue(message.contains("ComparableProperty<shop.Message, java.time.Instant> when"), message);
        assertTrue(message.contains("ComparableProperty<shop.Message, shop.Color> color"), message);
        assertTrue(message.contains("ComparableProperty<shop.Message, java.lang.Byte> b"), message);
        assertTrue(message.contains("ComparableProperty<shop.Message, java.lang.Short> s"), message);
        assertTrue(message.contains("ComparableProperty<shop.Message, java.lang.Float> f"), message);
        assertTrue(message.contains("ComparableProperty<shop.Message, java.lang.Double> d"), message);
        assertTrue(message.contains("ListProperty<shop.Message, java.lang.String, "
                + "dev.atoll.meta.StringProperty<shop.Message>> tags"), message);
        assertTrue(message.contains("ListProperty<shop.Message, shop.Author, shop.Author_<shop.Message>> authors"),
                message);
        assertTrue(message.contains("shop.Author_<shop.Message> author = new shop.Author_<>(shop.Message.class, "
                + "\"author\", false)"), message);
        assertFalse(message.contains("ignored"), message);
        String author = text(c, "shop.Author_");
        assertFalse(author.contains("cache") || author.contains("constant"), author);
        String order = text(c, "shop.Order_");
        assertTrue(order.contains("ComparableProperty<shop.Order, java.lang.Long> id"), order);
        assertTrue(order.contains("ListProperty<shop.Order, java.lang.Integer"), order);
        assertFalse(order.contains("note"), order);
        String derived = text(c, "other.place.Outer_Derived_");
        assertTrue(derived.contains("\"since\""), "superclass fields are stored: " + derived);
        String node = text(c, "shop.Node_");
        assertTrue(node.contains("children() {"), "a tree's own members are methods: " + node);
        assertTrue(node.contains("first() {"), node);
        assertTrue(node.contains("leaf() {"), "Leaf leads back to Node: " + node);
        assertTrue(node.contains("public final dev.atoll.meta.StringProperty<R> name;"), node);
    }

    @Test
    void typedQueries_compile_andAggregatesAreTyped() {
        Compilation c = compile(samples(usage("""
                List<Message> found = messages.query().where(Message_.createdAt.between(t0, t1))
                        .filter(Message_.content.contains("hi")).sortBy(Message_.createdAt, Sort.DESC)
                        .thenBy(Message_.author.name).findAll();
                double average = messages.query().property(Message_.priority).average();
                PropertyQuery<String> titles = messages.query().property(Message_.title);
                String max = titles.max();
                Instant when = messages.query().property(Message_.when).min();
                long n = messages.query().filter(Message_.tags.element().equalTo("news")
                        .or(Message_.authors.element().name.startsWith("a", false))
                        .and(Message_.tree.children().element().first().name.isNull())).count();
                long m = orders.query().where(Order_.code.equalTo("x")).filter(Order_.amounts.lengthGreaterThan(1))
                        .distinctBy(Order_.code, Order_.id).count();
                Condition<Message> red = Message_.color.equalTo(Color.RED);
                IndexCondition<Message> blob = Message_.blob.greaterThan(new byte[] {1});
                """)).toArray(JavaFileObject[]::new));
        assertThat(c).succeededWithoutWarnings();
    }

    private static void assertDoesNotCompile(String statements, String error) {
        Compilation c = compile(samples(usage(statements)).toArray(JavaFileObject[]::new));
        assertThat(c).failed();
        assertThat(c).hadErrorContaining(error);
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertEquals("shop/Use.java", c.errors().get(0).getSource().getName().replaceAll("^/+", ""),
                "the error is in the misuse, not in the metamodel");
    }

    @Test
    void between_withStringsOnALong_doesNotCompile() {
        assertDoesNotCompile("Message_.createdAt.between(\"a\", \"b\");",
                "java.lang.String cannot be converted to java.lang.Long");
    }

    @Test
    void sortBy_withAnotherEntitysProperty_doesNotCompile() {
        assertDoesNotCompile("messages.query().sortBy(Order_.code, Sort.ASC);", "sortBy");
    }

    @Test
    void filter_withAnotherEntitysCondition_doesNotCompile() {
        assertDoesNotCompile("messages.query().filter(Order_.code.equalTo(\"x\"));", "filter");
    }

    @Test
    void where_withAFilterOnlyCondition_doesNotCompile() {
        assertDoesNotCompile("messages.query().where(Message_.content.contains(\"x\"));", "where");
    }

    @Test
    void stringCondition_onANumber_doesNotCompile() {
        assertDoesNotCompile("Message_.priority.contains(\"1\");", "contains");
    }

    @Test
    void wrongValueType_inEqualTo_doesNotCompile() {
        assertDoesNotCompile("Message_.priority.equalTo(1L);", "long cannot be converted to java.lang.Integer");
    }

    @Test
    void propertyQuery_ofAnInt_isNotAStringQuery() {
        assertDoesNotCompile("PropertyQuery<String> p = messages.query().property(Message_.priority);",
                "incompatible types");
    }

    @Test
    void rangeOnABoolean_doesNotCompile() {
        assertDoesNotCompile("Message_.flag.greaterThan(true);", "greaterThan");
    }

    // ---- entities the runtime refuses ----

    private static void assertRefused(String name, String text, String message) {
        Compilation c = javac().withProcessors(new MetamodelProcessor()).compile(source(name, text));
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("Atoll cannot store class " + name + message);
        Compilation warned = javac().withProcessors(new MetamodelProcessor())
                .withOptions("-A" + MetamodelProcessor.INVALID_OPTION + "=warning").compile(source(name, text));
        assertThat(warned).succeeded();
        assertThat(warned).hadWarningContaining("Atoll cannot store class " + name + message);
        assertFalse(warned.generatedSourceFile(name + "_").isPresent(), "nothing is generated for it");
    }

    private static String entity(String body) {
        return "package bad; import dev.atoll.schema.*; import java.util.*; " + body;
    }

    @Test
    void noId_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { public String s; }"), " has no @Id property");
    }

    @Test
    void twoIds_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long a; @Id public long b; }"),
                " has more than one @Id property: [a, b]");
    }

    @Test
    void intId_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public int id; }"),
                ": property 'id': @Id must be long or Long but is int");
    }

    @Test
    void stringId_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public String id; }"),
                ": property 'id': @Id must be long or Long but is java.lang.String");
    }

    @Test
    void mapProperty_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public Map<String, String> m; }"),
                ": property 'm' has unsupported type java.util.Map<java.lang.String, java.lang.String>");
    }

    @Test
    void charProperty_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public char c; }"),
                ": property 'c' has unsupported type char");
    }

    @Test
    void intArrayProperty_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public int[] c; }"),
                ": property 'c' has unsupported type int[]");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void rawList_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; @SuppressWarnings(\"rawtypes\") "
                + "public List l; }"), ": property 'l' is a raw List; declare List<X>");
    }

    @Test
    void listOfList_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public List<List<String>> l; }"),
                ": property 'l' has unsupported type java.util.List<java.util.List<java.lang.String>> "
                        + "(a List of List is not supported)");
    }

    @Test
    void listOfUnsupported_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public List<Object> l; }"),
                ": property 'l' has unsupported type java.lang.Object");
    }

    @Test
    void listOfWildcard_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public List<? extends Number> l; }"),
                ": property 'l' has unsupported type java.util.List<? extends java.lang.Number>");
    }

    @Test
    void listOfGenericClass_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public List<Optional<String>> l; }"),
                ": property 'l' has unsupported type java.util.List<java.util.Optional<java.lang.String>>");
    }

    @Test
    void listOfByteArrays_isStored() {
        Compilation c = compile(source("ok.E", "package ok; import dev.atoll.schema.*; import java.util.List; "
                + "@Entity public class E { @Id public long id; public List<byte[]> blobs; }"));
        assertThat(c).succeededWithoutWarnings();
        assertTrue(text(c, "ok.E_").contains("ListProperty<ok.E, byte[], dev.atoll.meta.ComparableProperty<ok.E, byte[]>>"));
    }

    @Test
    void embeddedWithId_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public P p; "
                        + "@Embedded public static class P { @Id public long x; } }"),
                "$P: property 'x': an @Embedded class cannot have an @Id");
    }

    @Test
    void embeddedWithIndex_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public P p; "
                        + "@Embedded public static class P { @Index public String x; } }"),
                "$P: property 'x': an @Embedded class cannot have an @Index");
    }

    @Test
    void embeddedEntity_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public P p; "
                        + "@Entity @Embedded public static class P { @Id public long id; } }"),
                ": property 'p': class bad.E$P is both @Entity and @Embedded");
    }

    @Test
    void embeddedWithUnsupportedType_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public List<P> p; "
                        + "@Embedded public static class P { public Object o; } }"),
                "$P: property 'o' has unsupported type java.lang.Object");
    }

    @Test
    void abstractEntity_isAnError() {
        assertRefused("bad.E", entity("@Entity public abstract class E { @Id public long id; }"),
                " is abstract, an interface, an enum or an array and cannot be instantiated");
    }

    @Test
    void interfaceEntity_isAnError() {
        assertRefused("bad.E", entity("@Entity public interface E { }"),
                " is abstract, an interface, an enum or an array and cannot be instantiated");
    }

    @Test
    void noNoArgConstructor_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; public E(long id) { } }"),
                " has no no-arg constructor");
    }

    @Test
    void innerClass_isAnError() {
        assertRefused("bad.O", entity("public class O { @Entity public class E { @Id public long id; } }"),
                "$E has no no-arg constructor (inner classes must be static)");
    }

    @Test
    void hiddenField_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E extends B { @Id public long id; public int x; } "
                + "class B { public int x; }"), " has two fields named 'x' (one hides the other)");
    }

    @Test
    void indexedId_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id @Index public long id; }"),
                ": property 'id' is the @Id and cannot have an @Index");
    }

    @Test
    void replaceWithoutUnique_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; @Index(replace = true) "
                + "public String s; }"), ": property 's': @Index(replace = true) requires unique = true");
    }

    @Test
    void compositeOfFour_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; "
                        + "@Index(composite = {\"b\", \"c\", \"d\"}) public int a; public int b, c, d; }"),
                ": property 'a': a composite index has more than 3 properties");
    }

    @Test
    void compositeOfUnknown_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; "
                        + "@Index(composite = {\"zz\"}) public int a; }"),
                ": property 'a': @Index composite names unknown property 'zz'");
    }

    @Test
    void compositeRepeating_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; "
                        + "@Index(composite = {\"b\", \"b\"}) public int a; public int b; }"),
                ": property 'a': @Index composite repeats property 'b'");
    }

    @Test
    void indexOnEmbedded_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; @Index public List<P> p; "
                        + "@Embedded public static class P { public int x; } }"),
                ": property 'p' holds embedded objects and cannot be indexed");
    }

    @Test
    void compositeOverEmbedded_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; "
                        + "@Index(composite = {\"p\"}) public int a; public P p; "
                        + "@Embedded public static class P { public int x; } }"),
                ": property 'p' holds embedded objects and cannot be indexed");
    }

    @Test
    void indexNameTwice_isAnError() {
        assertRefused("bad.E", entity("@Entity public class E { @Id public long id; @Index(name = \"n\") public int a; "
                + "@Index(name = \"n\") public int b; }"), ": property 'b': index name 'n' is used twice");
    }

    // ---- entities the generated code cannot name ----

    private static void assertNoMetamodel(String name, String text, String why) {
        Compilation c = javac().withProcessors(new MetamodelProcessor()).compile(source(name, text));
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining(why);
        assertTrue(c.generatedSourceFiles().isEmpty(), c.generatedSourceFiles().toString());
    }

    @Test
    void privateNestedEntity_getsAWarningAndNoMetamodel() {
        assertNoMetamodel("ok.O", "package ok; import dev.atoll.schema.*; public class O { "
                + "@Entity private static class E { @Id public long id; } }", "it is private");
    }

    @Test
    void genericEntity_getsAWarningAndNoMetamodel() {
        assertNoMetamodel("ok.E", "package ok; import dev.atoll.schema.*; @Entity public class E<T> { "
                + "@Id public long id; }", "it has type parameters");
    }

    @Test
    void localRecordEntity_getsNoMetamodel() {
        Compilation c = compile(source("ok.O", "package ok; import dev.atoll.schema.*; public class O { void m() { "
                + "@Entity record E(@Id long id) {} } }"));
        assertThat(c).succeededWithoutWarnings();
        assertTrue(c.generatedSourceFiles().isEmpty(), "a local class has no name to generate against");
    }

    @Test
    void privateEnum_getsAWarningAndNoMetamodel() {
        assertNoMetamodel("ok.O", "package ok; import dev.atoll.schema.*; public class O { "
                + "private enum C { A } @Entity public static class E { @Id public long id; public C c; } }",
                "enum ok.O.C is not accessible");
    }

    @Test
    void privateEmbedded_getsAWarningAndNoMetamodel() {
        assertNoMetamodel("ok.O", "package ok; import dev.atoll.schema.*; public class O { "
                + "@Embedded private static class P { public int x; } "
                + "@Entity public static class E { @Id public long id; public P p; } }",
                "embedded class ok.O.P is private or generic");
    }

    @Test
    void packagePrivateEntity_inDefaultPackage_getsAMetamodel() {
        Compilation c = compile(source("E", "import dev.atoll.schema.*; @Entity class E { @Id Long id; }"));
        assertThat(c).succeededWithoutWarnings();
        assertTrue(text(c, "E_").startsWith("/**"), "no package line in the default package");
    }

    @Test
    void withoutAtollOnTheClassPath_theProcessorDoesNothing() {
        Compilation c = javac().withProcessors(new MetamodelProcessor()).withClasspath(List.of())
                .compile(source("p.A", "package p; public class A { }"));
        assertThat(c).succeeded();
        assertTrue(c.generatedSourceFiles().isEmpty());
    }

    @Test
    void errors_pointAtTheEntity() {
        Compilation c = javac().withProcessors(new MetamodelProcessor())
                .compile(source("bad.E", entity("@Entity public class E { }")));
        Diagnostic<? extends JavaFileObject> d = c.errors().get(0);
        assertTrue(d.getSource().getName().endsWith("bad/E.java"), d.toString());
    }
}
