package dev.glimpse.registry;

import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 only instantiates classes named in a schema when they are trusted (a defence against
 * gadget classes named by hostile schemas). A deserializer built for a generated class trusts exactly the
 * named types of that class's schema, nothing wider, so a writer schema fetched from the registry cannot
 * make Avro load anything else.
 */
final class TrustedAvroClasses {

    private static final Set<String> TRUSTED = new HashSet<>();

    private TrustedAvroClasses() {}

    static synchronized void trust(Schema schema) {
        Set<String> names = new HashSet<>();
        collect(schema, names, new HashSet<>());
        names.removeAll(TRUSTED);
        if (names.isEmpty()) {
            return;
        }
        ClassSecurityValidator.Builder builder = ClassSecurityValidator.builder();
        names.forEach(builder::add);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), builder.build()));
        TRUSTED.addAll(names);
    }

    private static void collect(Schema schema, Set<String> names, Set<Schema> seen) {
        if (!seen.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                names.add(schema.getFullName());
                schema.getFields().forEach(f -> collect(f.schema(), names, seen));
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case ARRAY -> collect(schema.getElementType(), names, seen);
            case MAP -> collect(schema.getValueType(), names, seen);
            case UNION -> schema.getTypes().forEach(t -> collect(t, names, seen));
            default -> { }
        }
    }
}
