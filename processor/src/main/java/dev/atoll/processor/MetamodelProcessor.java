package dev.atoll.processor;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the typed query metamodel: for each {@code @Entity} class or record {@code Message}, a class
 * {@code Message_} in its package (for a nested class {@code Outer.Message}, {@code Outer_Message_}) with a
 * typed property constant per stored property and the id, and for each {@code @Embedded} class
 * {@code Author} reached from one, {@code Author_<R>} (so that {@code Post_.author.name} is the path
 * {@code "author.name"}).
 *
 * <p>It derives the properties by the rules of the runtime's schema derivation (what is stored: record
 * components, or the non-static non-transient fields of the class chain, without {@code @Ignore}; one
 * {@code @Id}, long or Long; the supported types; lists; enums; embedded classes, trees included; the
 * index declarations), and reports an entity the runtime would refuse as a compile error on it, with the
 * runtime's message. It knows Atoll's annotations by name only: it has no dependency but the JDK.
 *
 * <p>Option {@code -Aatoll.invalidEntities=warning} reports such entities as warnings (and generates
 * nothing for them), for a code base that declares entities the runtime must refuse, as Atoll's own
 * tests do. An entity the generated class cannot name (private, generic, or of a private enum or embedded
 * class) gets no metamodel and a warning that says why; a local class is not seen by processors at all.
 */
public final class MetamodelProcessor extends AbstractProcessor {
    static final String SCHEMA = "dev.atoll.schema.";
    static final String META = "dev.atoll.meta.";
    /** The option that turns errors on invalid entities into warnings. */
    public static final String INVALID_OPTION = "atoll.invalidEntities";
    private static final int MAX_COMPOSITE = 3;

    private final Set<String> written = new HashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(SCHEMA + "Entity");
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(INVALID_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement entity = processingEnv.getElementUtils().getTypeElement(SCHEMA + "Entity");
        if (entity == null) {
            return false;
        }
        for (Element e : round.getElementsAnnotatedWith(entity)) {
            if (e instanceof TypeElement type) {
                entity(type);
            }
        }
        return false;
    }

    private void entity(TypeElement type) {
        Messager messager = processingEnv.getMessager();
        Model model;
        try {
            model = new Model(type);
        } catch (Invalid invalid) {
            boolean warn = "warning".equals(processingEnv.getOptions().get(INVALID_OPTION));
            messager.printMessage(warn ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR,
                    "Atoll cannot store " + invalid.getMessage(), type);
            return;
        }
        String unnamable = model.unnamable();
        if (unnamable != null) {
            messager.printMessage(Diagnostic.Kind.WARNING, "no Atoll metamodel for " + type.getQualifiedName()
                    + ": " + unnamable, type);
            return;
        }
        write(type, entitySource(model));
        for (TypeElement embedded : model.embedded) {
            if (processingEnv.getElementUtils().getTypeElement(metamodelName(embedded)) == null) {
                write(embedded, embeddedSource(model, embedded));
            }
        }
    }

    private void write(TypeElement origin, String source) {
        String name = metamodelName(origin);
        if (!written.add(name)) {
            return;
        }
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(name, origin);
            try (Writer w = file.openWriter()) {
                w.write(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the Atoll metamodel " + name, e);
        }
    }

    /** The qualified name of the metamodel class of a class: {@code pkg.Outer_Inner_}. */
    String metamodelName(TypeElement type) {
        String pkg = packageOf(type).getQualifiedName().toString();
        return (pkg.isEmpty() ? "" : pkg + ".") + simpleMetamodelName(type);
    }

    static String simpleMetamodelName(TypeElement type) {
        StringBuilder name = new StringBuilder(type.getSimpleName());
        for (Element e = type.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
            name.insert(0, t.getSimpleName() + "_");
        }
        return name.append('_').toString();
    }

    static PackageElement packageOf(Element e) {
        Element p = e;
        while (!(p instanceof PackageElement)) {
            p = p.getEnclosingElement();
        }
        return (PackageElement) p;
    }

    // ---- the model: what the runtime's schema derivation would store ----

    /** An entity (or embedded class) the runtime refuses; the message is the runtime's. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(TypeElement type, String what) {
            super("class " + binaryName(type) + (what.startsWith("property") ? ": " : " ") + what);
        }
    }

    /** One stored member: a field or a record component. */
    record Member(String name, TypeMirror type, Element element) {
    }

    /** How a member's type is stored. */
    enum Kind { BOOL, NUMBER, STRING, COMPARABLE, ENUM, EMBEDDED, LIST }

    /** The members of the entity and of every embedded class it reaches, checked as the runtime checks them. */
    final class Model {
        final TypeElement entity;
        final List<Member> members;
        final Member id;
        final Set<TypeElement> embedded = new LinkedHashSet<>();
        final Map<TypeElement, List<Member>> embeddedMembers = new HashMap<>();
        final Set<TypeElement> enums = new LinkedHashSet<>();

        Model(TypeElement type) {
            this.entity = type;
            checkConstructible(type);
            members = members(type);
            id = findId(type, members);
            Deque<TypeElement> stack = new ArrayDeque<>();
            stack.push(type);
            for (Member m : members) {
                if (m != id) {
                    check(type, m.name(), m.type(), stack);
                }
            }
            checkIndexes(type);
        }

        private void check(TypeElement owner, String property, TypeMirror type, Deque<TypeElement> stack) {
            Kind kind = kind(type);
            if (kind == null) {
                if (type instanceof DeclaredType d && isList(d) && d.getTypeArguments().isEmpty()) {
                    throw new Invalid(owner, "property '" + property + "' is a raw List; declare List<X>");
                }
                throw new Invalid(owner, "property '" + property + "' has unsupported type " + typeName(type));
            }
            if (kind == Kind.ENUM) {
                enums.add(element(type));
            } else if (kind == Kind.EMBEDDED) {
                checkEmbedded(owner, property, element(type), stack);
            } else if (kind == Kind.LIST) {
                TypeMirror arg = ((DeclaredType) type).getTypeArguments().get(0);
                if (arg instanceof DeclaredType d && isList(d)) {
                    throw new Invalid(owner, "property '" + property + "' has unsupported type " + typeName(type)
                            + " (a List of List is not supported)");
                }
                boolean plainClass = arg.getKind() == TypeKind.ARRAY
                        || arg instanceof DeclaredType d && d.getTypeArguments().isEmpty();
                if (!plainClass) { // a wildcard, a type variable or a generic type: the runtime sees no class
                    throw new Invalid(owner, "property '" + property + "' has unsupported type " + typeName(type));
                }
                check(owner, property, arg, stack); // an unsupported element class is named as itself
            }
        }

        private void checkEmbedded(TypeElement owner, String property, TypeElement c, Deque<TypeElement> stack) {
            if (stack.contains(c)) {
                return; // a tree: the runtime reuses the enclosing occurrence's properties
            }
            if (annotation(c, "Entity") != null) {
                throw new Invalid(owner, "property '" + property + "': class " + binaryName(c)
                        + " is both @Entity and @Embedded");
            }
            checkConstructible(c);
            stack.push(c);
            List<Member> ms = members(c);
            for (Member m : ms) {
                if (annotation(m.element(), "Id") != null) {
                    throw new Invalid(c, "property '" + m.name() + "': an @Embedded class cannot have an @Id");
                }
                if (annotation(m.element(), "Index") != null) {
                    throw new Invalid(c, "property '" + m.name() + "': an @Embedded class cannot have an @Index");
                }
                check(c, m.name(), m.type(), stack);
            }
            stack.pop();
            embedded.add(c);
            embeddedMembers.put(c, ms);
        }

        private void checkIndexes(TypeElement type) {
            Map<String, Member> byName = new LinkedHashMap<>();
            members.forEach(m -> byName.put(m.name(), m));
            Set<String> names = new HashSet<>();
            for (Member m : members) {
                AnnotationMirror index = annotation(m.element(), "Index");
                if (index == null) {
                    continue;
                }
                String prop = m.name();
                if (m == id) {
                    throw new Invalid(type, "property '" + prop + "' is the @Id and cannot have an @Index");
                }
                boolean unique = (Boolean) value(index, "unique");
                if ((Boolean) value(index, "replace") && !unique) {
                    throw new Invalid(type, "property '" + prop + "': @Index(replace = true) requires unique = true");
                }
                @SuppressWarnings("unchecked")
                List<? extends AnnotationValue> composite = (List<? extends AnnotationValue>) value(index, "composite");
                if (composite.size() > MAX_COMPOSITE - 1) {
                    throw new Invalid(type, "property '" + prop + "': a composite index has more than "
                            + MAX_COMPOSITE + " properties");
                }
                LinkedHashSet<String> props = new LinkedHashSet<>();
                props.add(prop);
                for (AnnotationValue v : composite) {
                    String c = (String) v.getValue();
                    if (!byName.containsKey(c) || byName.get(c) == id) {
                        throw new Invalid(type, "property '" + prop + "': @Index composite names unknown property '"
                                + c + "'");
                    }
                    if (!props.add(c)) {
                        throw new Invalid(type, "property '" + prop + "': @Index composite repeats property '"
                                + c + "'");
                    }
                }
                for (String n : props) {
                    TypeMirror t = byName.get(n).type();
                    boolean embeddedValues = kind(t) == Kind.EMBEDDED || kind(t) == Kind.LIST
                            && kind(((DeclaredType) t).getTypeArguments().get(0)) == Kind.EMBEDDED;
                    if (embeddedValues) {
                        throw new Invalid(type, "property '" + n + "' holds embedded objects and cannot be indexed");
                    }
                }
                String given = (String) value(index, "name");
                String name = !given.isEmpty() ? given : String.join("_", props);
                if (!names.add(name)) {
                    throw new Invalid(type, "property '" + prop + "': index name '" + name + "' is used twice");
                }
            }
        }

        /** Why the generated code cannot name a class it needs, or null when it can. */
        String unnamable() {
            if (!entity.getTypeParameters().isEmpty()) {
                return "it has type parameters";
            }
            PackageElement pkg = packageOf(entity);
            if (!accessible(entity, pkg)) {
                return "it is private (or inside a private class)";
            }
            for (TypeElement e : enums) {
                if (!accessible(e, pkg) || embedded.stream().anyMatch(c -> !accessible(e, packageOf(c)))) {
                    return "enum " + e.getQualifiedName() + " is not accessible from its package";
                }
            }
            for (TypeElement c : embedded) {
                if (!accessible(c, packageOf(c)) || !c.getTypeParameters().isEmpty()) {
                    return "embedded class " + c.getQualifiedName() + " is private or generic";
                }
            }
            return null;
        }
    }

    /** A class's name as {@code Class.getName()} spells it: {@code pkg.Outer$Inner}. */
    static String binaryName(TypeElement type) {
        String name = type.getSimpleName().toString();
        Element e = type.getEnclosingElement();
        for (; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            name = t.getSimpleName() + "$" + name;
        }
        String pkg = ((PackageElement) e).getQualifiedName().toString();
        return pkg.isEmpty() ? name : pkg + "." + name;
    }

    /** A type's name as {@code java.lang.reflect.Type.getTypeName()} spells it, so messages match the runtime's. */
    static String typeName(TypeMirror t) {
        if (t instanceof DeclaredType d) {
            String name = binaryName((TypeElement) d.asElement());
            if (d.getTypeArguments().isEmpty()) {
                return name;
            }
            List<String> args = new ArrayList<>();
            d.getTypeArguments().forEach(a -> args.add(typeName(a)));
            return name + "<" + String.join(", ", args) + ">";
        }
        if (t instanceof ArrayType a) {
            return typeName(a.getComponentType()) + "[]";
        }
        return t.toString();
    }

    static boolean accessible(TypeElement type, PackageElement from) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!e.getModifiers().contains(Modifier.PUBLIC) && !packageOf(e).equals(from)) {
                return false;
            }
        }
        return true;
    }

    private List<Member> members(TypeElement type) {
        List<Member> result = new ArrayList<>();
        if (type.getKind() == ElementKind.RECORD) {
            for (RecordComponentElement rc : type.getRecordComponents()) {
                if (annotation(rc, "Ignore") == null) {
                    result.add(new Member(rc.getSimpleName().toString(), rc.asType(), rc));
                }
            }
            return result;
        }
        Set<String> names = new HashSet<>();
        for (TypeElement c = type; c != null && !c.getQualifiedName().contentEquals("java.lang.Object");
             c = superclass(c)) {
            for (VariableElement f : ElementFilter.fieldsIn(c.getEnclosedElements())) {
                Set<Modifier> mods = f.getModifiers();
                if (mods.contains(Modifier.STATIC) || mods.contains(Modifier.TRANSIENT)
                        || annotation(f, "Ignore") != null) {
                    continue;
                }
                String name = f.getSimpleName().toString();
                if (!names.add(name)) {
                    throw new Invalid(type, "has two fields named '" + name + "' (one hides the other)");
                }
                result.add(new Member(name, f.asType(), f));
            }
        }
        return result;
    }

    private static TypeElement superclass(TypeElement c) {
        TypeMirror s = c.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
    }

    private Member findId(TypeElement type, List<Member> members) {
        List<Member> ids = members.stream().filter(m -> annotation(m.element(), "Id") != null).toList();
        if (ids.isEmpty()) {
            throw new Invalid(type, "has no @Id property");
        }
        if (ids.size() > 1) {
            throw new Invalid(type, "has more than one @Id property: " + ids.stream().map(Member::name).toList());
        }
        Member id = ids.get(0);
        TypeMirror t = id.type();
        boolean isLong = t.getKind() == TypeKind.LONG
                || t.getKind() == TypeKind.DECLARED && element(t).getQualifiedName().contentEquals("java.lang.Long");
        if (!isLong) {
            throw new Invalid(type, "property '" + id.name() + "': @Id must be long or Long but is " + typeName(t));
        }
        return id;
    }

    private void checkConstructible(TypeElement type) {
        ElementKind k = type.getKind();
        if (k == ElementKind.INTERFACE || k == ElementKind.ENUM || k == ElementKind.ANNOTATION_TYPE
                || type.getModifiers().contains(Modifier.ABSTRACT)) {
            throw new Invalid(type, "is abstract, an interface, an enum or an array and cannot be instantiated");
        }
        if (k == ElementKind.RECORD) {
            return;
        }
        boolean inner = type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC);
        boolean noArg = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(c -> c.getParameters().isEmpty());
        if (!noArg || inner) {
            throw new Invalid(type, "has no no-arg constructor" + (inner ? " (inner classes must be static)" : ""));
        }
    }

    /** How a type is stored, or null when it cannot be. */
    Kind kind(TypeMirror t) {
        switch (t.getKind()) {
            case BOOLEAN:
                return Kind.BOOL;
            case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE:
                return Kind.NUMBER;
            case ARRAY:
                return ((ArrayType) t).getComponentType().getKind() == TypeKind.BYTE ? Kind.COMPARABLE : null;
            case DECLARED:
                break;
            default:
                return null;
        }
        TypeElement e = element(t);
        String name = e.getQualifiedName().toString();
        switch (name) {
            case "java.lang.Boolean":
                return Kind.BOOL;
            case "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
                    "java.lang.Double":
                return Kind.NUMBER;
            case "java.lang.String":
                return Kind.STRING;
            case "java.time.Instant":
                return Kind.COMPARABLE;
            default:
                break;
        }
        if (e.getKind() == ElementKind.ENUM) {
            return Kind.ENUM;
        }
        if (annotation(e, "Embedded") != null) {
            return Kind.EMBEDDED;
        }
        if (isList((DeclaredType) t) && ((DeclaredType) t).getTypeArguments().size() == 1) {
            return Kind.LIST;
        }
        return null;
    }

    private static boolean isList(DeclaredType t) {
        return ((TypeElement) t.asElement()).getQualifiedName().contentEquals("java.util.List");
    }

    private static TypeElement element(TypeMirror t) {
        return (TypeElement) ((DeclaredType) t).asElement();
    }

    private static AnnotationMirror annotation(Element e, String simpleName) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) a.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(SCHEMA + simpleName)) {
                return a;
            }
        }
        return null;
    }

    private Object value(AnnotationMirror a, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : processingEnv.getElementUtils().getElementValuesWithDefaults(a).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue().getValue();
            }
        }
        throw new IllegalStateException("@Index has no member " + name);
    }

    // ---- the generated source ----

    /** The Java name of a value class: boxed for primitives, the erasure for classes. */
    private static String valueClass(TypeMirror t) {
        return switch (t.getKind()) {
            case BOOLEAN -> "java.lang.Boolean";
            case BYTE -> "java.lang.Byte";
            case SHORT -> "java.lang.Short";
            case INT -> "java.lang.Integer";
            case LONG -> "java.lang.Long";
            case FLOAT -> "java.lang.Float";
            case DOUBLE -> "java.lang.Double";
            case ARRAY -> "byte[]";
            default -> element(t).getQualifiedName().toString();
        };
    }

    /** A generated property: its declared type and the expression that makes it. */
    record Spec(String type, String init) {
    }

    private Spec spec(TypeMirror t, String e, String entityExpr, String pathExpr, boolean element) {
        String args = "(" + entityExpr + ", " + pathExpr + ", " + element + ")";
        Kind kind = kind(t);
        switch (kind) {
            case BOOL:
                return new Spec(META + "ValueProperty<" + e + ", java.lang.Boolean>", "new " + META + "ValueProperty<>"
                        + args);
            case STRING:
                return new Spec(META + "StringProperty<" + e + ">", "new " + META + "StringProperty<>" + args);
            case EMBEDDED: {
                TypeElement c = element(t);
                String mm = metamodelName(c);
                return new Spec(mm + "<" + e + ">", "new " + mm + "<>" + args);
            }
            case LIST: {
                TypeMirror arg = ((DeclaredType) t).getTypeArguments().get(0);
                Spec inner = spec(arg, e, entityExpr, pathExpr, true);
                return new Spec(META + "ListProperty<" + e + ", " + valueClass(arg) + ", " + inner.type() + ">",
                        "new " + META + "ListProperty<>(" + inner.init() + ")");
            }
            default:
                return new Spec(META + "ComparableProperty<" + e + ", " + valueClass(t) + ">",
                        "new " + META + "ComparableProperty<>" + args);
        }
    }

    private String entitySource(Model model) {
        TypeElement type = model.entity;
        String pkg = packageOf(type).getQualifiedName().toString();
        String name = simpleMetamodelName(type);
        String entity = type.getQualifiedName().toString();
        StringBuilder s = new StringBuilder();
        if (!pkg.isEmpty()) {
            s.append("package ").append(pkg).append(";\n\n");
        }
        s.append("/** The typed query metamodel of {@link ").append(entity).append("}, generated by Atoll. */\n");
        s.append("@javax.annotation.processing.Generated(\"").append(MetamodelProcessor.class.getName()).append("\")\n");
        s.append("public final class ").append(name).append(" {\n");
        s.append("    private ").append(name).append("() {\n    }\n");
        for (Member m : model.members) {
            String path = "\"" + m.name() + "\"";
            Spec spec = m == model.id
                    ? new Spec(META + "ComparableProperty<" + entity + ", java.lang.Long>",
                    "new " + META + "ComparableProperty<>(" + entity + ".class, " + path + ", false)")
                    : spec(m.type(), entity, entity + ".class", path, false);
            s.append("\n    /** The property {@code ").append(m.name()).append("}. */\n");
            s.append("    public static final ").append(spec.type()).append(' ').append(m.name()).append(" = ")
                    .append(spec.init()).append(";\n");
        }
        return s.append("}\n").toString();
    }

    private String embeddedSource(Model model, TypeElement type) {
        String pkg = packageOf(type).getQualifiedName().toString();
        String name = simpleMetamodelName(type);
        String embedded = type.getQualifiedName().toString();
        StringBuilder s = new StringBuilder();
        if (!pkg.isEmpty()) {
            s.append("package ").append(pkg).append(";\n\n");
        }
        s.append("/** The typed query metamodel of the embedded class {@link ").append(embedded)
                .append("}, at a path of entity {@code R}; generated by Atoll. */\n");
        s.append("@javax.annotation.processing.Generated(\"").append(MetamodelProcessor.class.getName()).append("\")\n");
        s.append("public final class ").append(name).append("<R> extends ").append(META).append("EmbeddedProperty<R, ")
                .append(embedded).append("> {\n");
        StringBuilder fields = new StringBuilder();
        StringBuilder init = new StringBuilder();
        StringBuilder methods = new StringBuilder();
        for (Member m : model.embeddedMembers.get(type)) {
            Spec spec = spec(m.type(), "R", "entity", "member(\"" + m.name() + "\")", false);
            if (reaches(model, embeddedOf(m.type()), type)) {
                methods.append("\n    /** The property {@code ").append(m.name())
                        .append("} (a tree: made when asked for). */\n");
                methods.append("    public ").append(spec.type()).append(' ').append(m.name()).append("() {\n")
                        .append("        return ").append(spec.init().replace("(entity, ", "(entity(), "))
                        .append(";\n    }\n");
            } else {
                fields.append("\n    /** The property {@code ").append(m.name()).append("}. */\n");
                fields.append("    public final ").append(spec.type()).append(' ').append(m.name()).append(";\n");
                init.append("        this.").append(m.name()).append(" = ").append(spec.init()).append(";\n");
            }
        }
        s.append(fields);
        s.append("\n    /** The embedded object at {@code path} of entity {@code entity} (its elements when {@code element}). */\n");
        s.append("    public ").append(name).append("(java.lang.Class<R> entity, java.lang.String path, boolean element) {\n");
        s.append("        super(entity, path, element);\n").append(init).append("    }\n");
        s.append(methods);
        return s.append("}\n").toString();
    }

    /** The embedded class a member's type holds (directly or as List elements), or null. */
    private TypeElement embeddedOf(TypeMirror t) {
        Kind k = kind(t);
        if (k == Kind.EMBEDDED) {
            return element(t);
        }
        return k == Kind.LIST ? embeddedOf(((DeclaredType) t).getTypeArguments().get(0)) : null;
    }

    /** Whether embedded class from (null: none) contains target, directly or through other embedded classes. */
    private boolean reaches(Model model, TypeElement from, TypeElement target) {
        Deque<TypeElement> todo = new ArrayDeque<>();
        Set<TypeElement> seen = new HashSet<>();
        if (from != null) {
            todo.push(from);
        }
        while (!todo.isEmpty()) {
            TypeElement c = todo.pop();
            if (c.equals(target)) {
                return true;
            }
            if (seen.add(c)) {
                for (Member m : model.embeddedMembers.get(c)) {
                    TypeElement next = embeddedOf(m.type());
                    if (next != null) {
                        todo.push(next);
                    }
                }
            }
        }
        return false;
    }
}
