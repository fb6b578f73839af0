package dev.glimpse.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * The embedded registry's state and rules, in memory: global schema ids, subjects with their versions,
 * compatibility levels. Every method is synchronized: registration is rare and must be atomic (check
 * compatibility, assign id, append version).
 *
 * <p>Schema identity is Avro's normalized JSON ({@link Schema#toString()}), which ignores whitespace and
 * attribute order but keeps docs, defaults and properties, as Confluent's registry does. Parsing Canonical
 * Form would be wrong here: it drops defaults, so two schemas that resolve differently would share an id.
 *
 * <p>Ids are never removed, not even by a permanent delete, so every record written while this process
 * lives stays readable (the embedded broker keeps its data for the same process lifetime).
 */
final class SchemaStore {

    record StoredSchema(int id, Schema schema, String canonical) {}

    record Version(int version, int id, boolean deleted) {}

    record SubjectVersion(String subject, int version) {}

    private final Map<Integer, StoredSchema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, List<Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /** Registers (idempotently) and returns the global id; 409 when incompatible, 42201 when invalid. */
    synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        List<Version> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer knownId = idByCanonical.get(canonical);
        for (Version v : versions) {
            if (!v.deleted() && knownId != null && v.id() == knownId) {
                return knownId;
            }
        }
        List<String> problems = incompatibilities(subject, schema, live(versions), levelOf(subject));
        if (!problems.isEmpty()) {
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
            throw new RestError(409, RestError.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\", details: " + problems);
        }
        int id = knownId != null ? knownId : newId(schema, canonical);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        versions.add(new Version(version, id, false));
        return id;
    }

    private int newId(Schema schema, String canonical) {
        int id = nextId++;
        byId.put(id, new StoredSchema(id, schema, canonical));
        idByCanonical.put(canonical, id);
        return id;
    }

    /** The live version of {@code subject} holding this schema; 40401 / 40403 when absent. */
    synchronized RegisteredSchema lookup(String subject, String schemaText) {
        List<Version> versions = liveVersionsOrThrow(subject);
        Schema schema = parse(schemaText);
        Integer id = idByCanonical.get(schema.toString());
        for (Version v : versions) {
            if (id != null && v.id() == id) {
                return registered(subject, v);
            }
        }
        throw RestError.schemaNotFound();
    }

    synchronized StoredSchema schemaById(int id) {
        StoredSchema stored = byId.get(id);
        if (stored == null) {
            throw RestError.schemaNotFound();
        }
        return stored;
    }

    /** Subject/version pairs that use schema {@code id}; 40403 when the id is unknown. */
    synchronized List<SubjectVersion> usesOf(int id) {
        schemaById(id);
        List<SubjectVersion> uses = new ArrayList<>();
        subjects.forEach((subject, versions) -> versions.stream()
                .filter(v -> !v.deleted() && v.id() == id)
                .forEach(v -> uses.add(new SubjectVersion(subject, v.version()))));
        return uses;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((subject, versions) -> {
            if (includeDeleted ? !versions.isEmpty() : !live(versions).isEmpty()) {
                names.add(subject);
            }
        });
        return names;
    }

    synchronized List<Integer> versions(String subject) {
        return liveVersionsOrThrow(subject).stream().map(Version::version).toList();
    }

    /** One version: {@code "latest"}, {@code "-1"} or a number; 40401 / 40402 / 42202. */
    synchronized RegisteredSchema version(String subject, String versionSpec) {
        return registered(subject, find(subject, versionSpec));
    }

    /**
     * Why {@code schemaText} may not follow {@code versionSpec} of {@code subject} under the subject's
     * level (empty when compatible). A null version spec checks as registration would.
     */
    synchronized List<String> checkCompatibility(String subject, String versionSpec, String schemaText) {
        Schema schema = parse(schemaText);
        CompatibilityLevel level = levelOf(subject);
        if (versionSpec == null) {
            return incompatibilities(subject, schema, live(subjects.getOrDefault(subject, List.of())), level);
        }
        Version against = find(subject, versionSpec);
        return incompatibilities(subject, schema, List.of(against), level.transitive() ? withoutTransitive(level) : level);
    }

    private static CompatibilityLevel withoutTransitive(CompatibilityLevel level) {
        return switch (level) {
            case BACKWARD_TRANSITIVE -> CompatibilityLevel.BACKWARD;
            case FORWARD_TRANSITIVE -> CompatibilityLevel.FORWARD;
            case FULL_TRANSITIVE -> CompatibilityLevel.FULL;
            default -> level;
        };
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized void setGlobalLevel(CompatibilityLevel level) {
        globalLevel = level;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    /** Removes the subject's own level; returns it, 40401 when the subject has none and no versions. */
    synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
        CompatibilityLevel removed = subjectLevels.remove(subject);
        if (removed == null) {
            if (!subjects.containsKey(subject)) {
                throw RestError.subjectNotFound(subject);
            }
            return globalLevel;
        }
        return removed;
    }

    /**
     * Soft delete (the versions disappear from listings, ids stay readable) or, after a soft delete,
     * permanent delete of the subject's versions. Returns the versions deleted.
     */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Version> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RestError.subjectNotFound(subject);
        }
        if (permanent) {
            if (!live(versions).isEmpty()) {
                throw new RestError(404, RestError.SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
                        + "' was not deleted first before being permanently deleted");
            }
            subjects.remove(subject);
            subjectLevels.remove(subject);
            return versions.stream().map(Version::version).toList();
        }
        List<Version> live = live(versions);
        if (live.isEmpty()) {
            throw new RestError(404, RestError.SUBJECT_SOFT_DELETED, "Subject '" + subject
                    + "' was soft deleted. Set permanent=true to delete permanently");
        }
        versions.replaceAll(v -> new Version(v.version(), v.id(), true));
        return live.stream().map(Version::version).toList();
    }

    /** Soft-deletes one version (permanently with {@code permanent}); returns its number. */
    synchronized int deleteVersion(String subject, String versionSpec, boolean permanent) {
        List<Version> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RestError.subjectNotFound(subject);
        }
        if (permanent) {
            int number = parseVersion(versionSpec, versions);
            for (Version v : versions) {
                if (v.version() == number) {
                    if (!v.deleted()) {
                        throw new RestError(404, 40407, "Subject '" + subject + "' Version " + number
                                + " was not deleted first before being permanently deleted");
                    }
                    versions.remove(v);
                    return number;
                }
            }
            throw RestError.versionNotFound(subject, number);
        }
        Version target = find(subject, versionSpec);
        versions.replaceAll(v -> v.version() == target.version() ? new Version(v.version(), v.id(), true) : v);
        return target.version();
    }

    private CompatibilityLevel levelOf(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Version> liveVersionsOrThrow(String subject) {
        List<Version> live = live(subjects.getOrDefault(subject, List.of()));
        if (live.isEmpty()) {
            throw RestError.subjectNotFound(subject);
        }
        return live;
    }

    private Version find(String subject, String versionSpec) {
        List<Version> live = liveVersionsOrThrow(subject);
        if ("latest".equals(versionSpec) || "-1".equals(versionSpec)) {
            return live.get(live.size() - 1);
        }
        int number = parseVersion(versionSpec, live);
        return live.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RestError.versionNotFound(subject, number));
    }

    private static int parseVersion(String versionSpec, List<Version> versions) {
        if ("latest".equals(versionSpec) || "-1".equals(versionSpec)) {
            return versions.get(versions.size() - 1).version();
        }
        try {
            int number = Integer.parseInt(versionSpec);
            if (number < 1) {
                throw RestError.invalidVersion(versionSpec);
            }
            return number;
        } catch (NumberFormatException e) {
            throw RestError.invalidVersion(versionSpec);
        }
    }

    private RegisteredSchema registered(String subject, Version v) {
        return new RegisteredSchema(subject, v.version(), v.id(), byId.get(v.id()).schema());
    }

    private static List<Version> live(List<Version> versions) {
        return versions.stream().filter(v -> !v.deleted()).toList();
    }

    /** Compatibility problems of {@code candidate} against {@code existing} (oldest first) under {@code level}. */
    private List<String> incompatibilities(String subject, Schema candidate, List<Version> existing,
                                           CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return List.of();
        }
        List<Version> against = level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Version v : against) {
            Schema old = byId.get(v.id()).schema();
            if (level.backward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "BACKWARD", v, problems);
            }
            if (level.forward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "FORWARD", v, problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility result, String direction, Version v,
                                 List<String> problems) {
        for (SchemaCompatibility.Incompatibility i : result.getResult().getIncompatibilities()) {
            problems.add("{errorType:'" + i.getType() + "', description:'" + direction + " incompatible with version "
                    + v.version() + " at path '" + i.getLocation() + "': " + i.getMessage() + "'}");
        }
    }

    static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RestError.invalidSchema("(empty)");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            throw new RestError(422, RestError.INVALID_SCHEMA, "Invalid schema " + schemaText
                    + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new RestError(422, RestError.INVALID_SCHEMA, "Invalid schema " + schemaText + ": " + e);
        }
    }
}
