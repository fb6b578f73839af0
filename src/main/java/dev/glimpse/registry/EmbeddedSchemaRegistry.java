package dev.glimpse.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Schema Registry speaking the Confluent REST API (Avro schemas), for the embedded default
 * mode and the tests. Confluent's clients, serializers and tools work against it unchanged.
 *
 * <p>State is in memory ({@link SchemaStore}) and lives as long as this object, across {@link #stop()} and
 * {@link #restart()}: ids stay resolvable for as long as the process (and so the embedded broker's data)
 * lives. It is not a replacement for a real registry in production: nothing is persisted.
 *
 * <p>Endpoints: {@code GET /}, {@code GET /schemas/types}, {@code GET /schemas/ids/{id}},
 * {@code GET /schemas/ids/{id}/schema}, {@code GET /schemas/ids/{id}/versions}, {@code GET /schemas/ids/{id}/subjects},
 * {@code GET /subjects},
 * {@code POST /subjects/{s}} (lookup), {@code DELETE /subjects/{s}}, {@code GET|POST /subjects/{s}/versions},
 * {@code GET|DELETE /subjects/{s}/versions/{v}}, {@code GET /subjects/{s}/versions/{v}/schema},
 * {@code POST /compatibility/subjects/{s}/versions[/{v}]}, {@code GET|PUT /config},
 * {@code GET|PUT|DELETE /config/{s}}, {@code GET /mode}.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String GENERIC_JSON = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    /** Request content types Confluent's registry accepts. */
    private static final Set<String> ACCEPTED_CONTENT_TYPES =
            Set.of(V1_JSON, GENERIC_JSON, JSON, "application/octet-stream");
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final SchemaStore store = new SchemaStore();
    private final ObjectMapper json = new ObjectMapper();
    private final String expectedAuthorization;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong registrations = new AtomicLong();
    private final Tls tls;
    private String host;
    private int port;
    private Javalin app;

    private EmbeddedSchemaRegistry(Builder builder) {
        this.tls = builder.keystorePath == null ? null
                : new Tls(builder.keystorePath, builder.keystorePassword, builder.keystoreType);
        this.expectedAuthorization = builder.user == null ? null
                : RegistrySettings.basicAuthorization(builder.user, builder.password);
    }

    /** Starts a registry without authentication on {@code host:port} (port 0: an ephemeral port). */
    public static EmbeddedSchemaRegistry start(String host, int port) {
        return builder().start(host, port);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of an embedded registry. */
    public static final class Builder {
        private String user;
        private String password;
        private Path keystorePath;
        private String keystorePassword;
        private String keystoreType;

        private Builder() {}

        /** Require HTTP basic authentication with these credentials on every request. */
        public Builder basicAuth(String user, String password) {
            if (user == null || password == null) {
                throw new IllegalArgumentException("basic auth needs both a user and a password");
            }
            this.user = user;
            this.password = password;
            return this;
        }

        /** Serve HTTPS only, with the key and certificate in this keystore (e.g. PKCS12 from keytool). */
        public Builder tls(Path keystorePath, String keystorePassword, String keystoreType) {
            this.keystorePath = keystorePath;
            this.keystorePassword = keystorePassword;
            this.keystoreType = keystoreType;
            return this;
        }

        public EmbeddedSchemaRegistry start(String host, int port) {
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(this);
            registry.serve(host, port);
            return registry;
        }
    }

    private record Tls(Path keystore, String password, String type) {}

    /** Base URL, e.g. {@code http://127.0.0.1:41234} ({@code https} with TLS). */
    public synchronized String url() {
        return (tls == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public synchronized int port() {
        return port;
    }

    /** Stops serving HTTP but keeps every schema (to simulate an outage); {@link #restart()} serves again. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
            LOG.info("embedded schema registry on {}:{} stopped", host, port);
        }
    }

    /** Serves the same schemas again on the same host and port. */
    public synchronized void restart() {
        if (app == null) {
            serve(host, port);
        }
    }

    public synchronized boolean isRunning() {
        return app != null;
    }

    @Override
    public void close() {
        stop();
    }

    /** HTTP requests received since creation (all endpoints, failures included). */
    public long requestCount() {
        return requests.get();
    }

    /** {@code POST /subjects/{s}/versions} requests received since creation. */
    public long registrationRequestCount() {
        return registrations.get();
    }

    private synchronized void serve(String host, int port) {
        ServerConnector[] tlsConnector = new ServerConnector[1];
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            if (tls != null) {
                // Javalin adds its plain HTTP connector only when none is configured: this one replaces it.
                config.jetty.addConnector((server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStorePath(tls.keystore().toString());
                    ssl.setKeyStorePassword(tls.password());
                    ssl.setKeyStoreType(tls.type());
                    ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(httpConfig));
                    connector.setHost(host);
                    connector.setPort(port);
                    tlsConnector[0] = connector;
                    return connector;
                });
            }
            config.http.maxRequestSize = 16L * 1024 * 1024;
            config.routes.before(this::admit);
            config.routes.get("/", ctx -> ok(ctx, json.createObjectNode()));
            config.routes.get("/schemas/types", ctx -> ok(ctx, json.createArrayNode().add("AVRO")));
            config.routes.get("/schemas/ids/{id}", this::schemaById);
            config.routes.get("/schemas/ids/{id}/schema", ctx -> raw(ctx, store.schemaById(id(ctx)).canonical()));
            config.routes.get("/schemas/ids/{id}/versions", this::schemaUses);
            config.routes.get("/schemas/ids/{id}/subjects", ctx -> ok(ctx, strings(store.usesOf(id(ctx)).stream()
                    .map(SchemaStore.SubjectVersion::subject).distinct().toList())));
            config.routes.get("/subjects", ctx -> ok(ctx, strings(store.subjects(flag(ctx, "deleted")))));
            config.routes.post("/subjects/{subject}", this::lookup);
            config.routes.delete("/subjects/{subject}", ctx -> ok(ctx,
                    ints(store.deleteSubject(ctx.pathParam("subject"), flag(ctx, "permanent")))));
            config.routes.get("/subjects/{subject}/versions", ctx -> ok(ctx, ints(store.versions(ctx.pathParam("subject")))));
            config.routes.post("/subjects/{subject}/versions", this::register);
            config.routes.get("/subjects/{subject}/versions/{version}", ctx -> ok(ctx,
                    versionNode(store.version(ctx.pathParam("subject"), ctx.pathParam("version")))));
            config.routes.delete("/subjects/{subject}/versions/{version}", ctx -> ok(ctx, json.getNodeFactory()
                    .numberNode(store.deleteVersion(ctx.pathParam("subject"), ctx.pathParam("version"),
                            flag(ctx, "permanent")))));
            config.routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> raw(ctx,
                    store.version(ctx.pathParam("subject"), ctx.pathParam("version")).schema().toString()));
            config.routes.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, null));
            config.routes.post("/compatibility/subjects/{subject}/versions/{version}",
                    ctx -> compatibility(ctx, ctx.pathParam("version")));
            config.routes.get("/config", ctx -> ok(ctx, levelNode("compatibilityLevel", store.globalLevel())));
            config.routes.put("/config", ctx -> {
                CompatibilityLevel level = level(body(ctx));
                store.setGlobalLevel(level);
                ok(ctx, levelNode("compatibility", level));
            });
            config.routes.get("/config/{subject}", this::subjectConfig);
            config.routes.put("/config/{subject}", ctx -> {
                CompatibilityLevel level = level(body(ctx));
                store.setSubjectLevel(ctx.pathParam("subject"), level);
                ok(ctx, levelNode("compatibility", level));
            });
            config.routes.delete("/config/{subject}", ctx -> ok(ctx,
                    levelNode("compatibilityLevel", store.deleteSubjectLevel(ctx.pathParam("subject")))));
            config.routes.get("/mode", ctx -> ok(ctx, json.createObjectNode().put("mode", "READWRITE")));
            config.routes.exception(RestError.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    error(ctx, e.getStatus(), e.getStatus(), "HTTP " + e.getStatus() + " " + e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("embedded schema registry failed on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, 50001, "Error in the backend data store: " + e);
            });
        });
        if (tls == null) {
            javalin.start(host, port);
        } else {
            javalin.start();
        }
        this.app = javalin;
        this.host = host;
        this.port = tls == null ? javalin.port() : tlsConnector[0].getLocalPort();
        LOG.info("embedded schema registry serving {}", url());
    }

    /** Counts, authenticates and checks the content type of every request, as Confluent's registry does. */
    private void admit(Context ctx) {
        requests.incrementAndGet();
        if (expectedAuthorization != null && !constantTimeEquals(expectedAuthorization, ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Basic realm=\"glimpse-schema-registry\"");
            throw new RestError(401, 401, "Unauthorized");
        }
        String method = ctx.method().name();
        if (method.equals("POST") || method.equals("PUT")) {
            String contentType = ctx.header("Content-Type");
            if (contentType != null) {
                String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_CONTENT_TYPES.contains(base)) {
                    throw new RestError(415, 415, "HTTP 415 Unsupported Media Type");
                }
            }
        }
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private void register(Context ctx) {
        registrations.incrementAndGet();
        String subject = ctx.pathParam("subject");
        int id = store.register(subject, avroSchemaText(body(ctx)));
        ok(ctx, json.createObjectNode().put("id", id));
    }

    private void lookup(Context ctx) {
        String subject = ctx.pathParam("subject");
        ok(ctx, versionNode(store.lookup(subject, avroSchemaText(body(ctx)))));
    }

    private void schemaById(Context ctx) {
        ok(ctx, json.createObjectNode().put("schema", store.schemaById(id(ctx)).canonical()));
    }

    private void schemaUses(Context ctx) {
        ArrayNode uses = json.createArrayNode();
        for (SchemaStore.SubjectVersion use : store.usesOf(id(ctx))) {
            uses.addObject().put("subject", use.subject()).put("version", use.version());
        }
        ok(ctx, uses);
    }

    private void compatibility(Context ctx, String version) {
        List<String> problems = store.checkCompatibility(ctx.pathParam("subject"), version, avroSchemaText(body(ctx)));
        ObjectNode answer = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if (flag(ctx, "verbose")) {
            answer.set("messages", strings(problems));
        }
        ok(ctx, answer);
    }

    private void subjectConfig(Context ctx) {
        String subject = ctx.pathParam("subject");
        CompatibilityLevel level = store.subjectLevel(subject).orElseGet(() -> {
            if (flag(ctx, "defaultToGlobal")) {
                return store.globalLevel();
            }
            throw new RestError(404, RestError.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                    "Subject '" + subject + "' does not have subject-level compatibility configured");
        });
        ok(ctx, levelNode("compatibilityLevel", level));
    }

    private JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new RestError(422, 422, "Request body is missing");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RestError(400, 400, "Unexpected character or malformed JSON in request body: "
                    + e.getOriginalMessage());
        }
    }

    /** The {@code schema} of a register/lookup/compatibility body; only Avro, without references. */
    private static String avroSchemaText(JsonNode body) {
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw new RestError(422, RestError.INVALID_SCHEMA, "Invalid schema type " + type
                    + ": this embedded registry supports AVRO only");
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw new RestError(422, RestError.INVALID_SCHEMA,
                    "Invalid schema: schema references are not supported by the embedded registry");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RestError.invalidSchema("(the request has no \"schema\" string)");
        }
        return schema.asText();
    }

    private static CompatibilityLevel level(JsonNode body) {
        String name = body.path("compatibility").asText(null);
        try {
            return CompatibilityLevel.parse(name);
        } catch (IllegalArgumentException e) {
            throw new RestError(422, RestError.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. Valid values"
                    + " are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
        }
    }

    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RestError.schemaNotFound();
        }
    }

    private static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    private ObjectNode versionNode(RegisteredSchema registered) {
        return json.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
    }

    private ObjectNode levelNode(String field, CompatibilityLevel level) {
        return json.createObjectNode().put(field, level.name());
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private ArrayNode ints(List<Integer> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void ok(Context ctx, JsonNode body) {
        ctx.status(200).contentType(responseType(ctx)).result(body.toString());
    }

    /** Endpoints that return the bare schema: the schema JSON itself is the body. */
    private static void raw(Context ctx, String schema) {
        ctx.status(200).contentType(responseType(ctx)).result(schema);
    }

    private void error(Context ctx, int status, int errorCode, String message) {
        ObjectNode body = json.createObjectNode().put("error_code", errorCode).put("message", message);
        ctx.status(status).contentType(responseType(ctx)).result(body.toString());
    }

    /** Confluent answers in the most specific JSON type the client accepts, v1 by default. */
    private static String responseType(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank() || accept.contains(V1_JSON) || accept.contains("*/*")) {
            return V1_JSON;
        }
        if (accept.contains(GENERIC_JSON)) {
            return GENERIC_JSON;
        }
        if (accept.contains(JSON)) {
            return JSON;
        }
        return V1_JSON;
    }
}
