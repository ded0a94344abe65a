/**
 * Atoll's annotation processor: generates the typed metamodel ({@code Message_} for {@code Message}) of
 * every {@code @Entity}. It exports nothing; the compiler finds it as a service.
 */
module dev.atoll.processor {
    requires java.compiler;

    provides javax.annotation.processing.Processor with dev.atoll.processor.MetamodelProcessor;
}
