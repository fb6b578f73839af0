package dev.glimpse.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over {@code java.net.http}. Thread-safe; share one per application.
 *
 * <p>Cached calls are single-flight: when many threads need the same uncached entry at once, one HTTP
 * call is made and the others wait for its result; a failure is not cached, so the next call retries.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    private final RegistrySettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String authorization;
    private final AtomicLong httpCalls = new AtomicLong();
    /** Index of the URL that answered last; moves on when a URL cannot be reached. */
    private final AtomicInteger currentUrl = new AtomicInteger();

    private final ConcurrentMap<SubjectSchema, CompletableFuture<Integer>> registered = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, CompletableFuture<RegisteredSchema>> lookedUp = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, CompletableFuture<Schema>> schemasById = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    public HttpSchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1);
        settings.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
        this.authorization = settings.authorization().orElse(null);
    }

    public RegistrySettings settings() {
        return settings;
    }

    @Override
    public int register(String subject, Schema schema) {
        return singleFlight(registered, new SubjectSchema(subject, schema), () -> {
            ObjectNode body = json.createObjectNode().put("schema", schema.toString());
            int id = call("POST", "/subjects/" + encode(subject) + "/versions", body).path("id").asInt(-1);
            if (id < 0) {
                throw new RegistryException(200, 50001, "registry answered a registration without an id");
            }
            // The registry now holds this schema under this id: deserializers in this process need no fetch.
            schemasById.putIfAbsent(id, CompletableFuture.completedFuture(schema));
            return id;
        });
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return singleFlight(lookedUp, new SubjectSchema(subject, schema), () -> {
            ObjectNode body = json.createObjectNode().put("schema", schema.toString());
            RegisteredSchema found = toRegistered(call("POST", "/subjects/" + encode(subject), body), subject);
            schemasById.putIfAbsent(found.id(), CompletableFuture.completedFuture(found.schema()));
            return found;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return singleFlight(schemasById, id,
                () -> parse(call("GET", "/schemas/ids/" + id, null).path("schema").asText(null), "id " + id));
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return toRegistered(call("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return toRegistered(call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null), subject);
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        ObjectNode body = json.createObjectNode().put("schema", schema.toString());
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/" + encode(version), body)
                .path("is_compatible").asBoolean(false);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.parse(call("GET", "/config", null).path("compatibilityLevel").asText(null));
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        call("PUT", "/config", json.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        JsonNode answer = call("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null);
        return CompatibilityLevel.parse(answer.path("compatibilityLevel").asText(null));
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), json.createObjectNode().put("compatibility", level.name()));
    }

    @Override
    public long httpCallCount() {
        return httpCalls.get();
    }

    private RegisteredSchema toRegistered(JsonNode node, String subject) {
        int id = node.path("id").asInt(-1);
        return new RegisteredSchema(node.path("subject").asText(subject), node.path("version").asInt(-1), id,
                parse(node.path("schema").asText(null), "id " + id));
    }

    private static Schema parse(String schema, String what) {
        if (schema == null) {
            throw new RegistryException(200, 50001, "registry answer for " + what + " has no schema");
        }
        try {
            return new Schema.Parser().parse(schema);
        } catch (SchemaParseException e) {
            throw new RegistryException(200, 42201, "registry returned an unparseable schema for " + what
                    + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static <K, V> V singleFlight(ConcurrentMap<K, CompletableFuture<V>> cache, K key, Supplier<V> loader) {
        CompletableFuture<V> existing = cache.get(key);
        if (existing == null) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            existing = cache.putIfAbsent(key, mine);
            if (existing == null) {
                try {
                    V value = loader.get();
                    mine.complete(value);
                    return value;
                } catch (RuntimeException e) {
                    cache.remove(key, mine); // failures are not cached: the next caller tries again
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RegistryException re) {
                throw new RegistryException(re.httpStatus(), re.errorCode(), re.getMessage(), re);
            }
            throw e;
        }
    }

    /**
     * One REST call with retries: connection errors and 408/429/5xx are retried with exponential backoff
     * and jitter, moving to the next URL; other 4xx fail at once with the registry's error code.
     */
    private JsonNode call(String method, String path, JsonNode body) {
        int attempts = settings.maxRetries() + 1;
        RegistryException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                sleep(backoff(attempt), method, path, last);
            }
            int urlIndex = Math.floorMod(currentUrl.get(), settings.urls().size());
            URI base = settings.urls().get(urlIndex);
            try {
                return send(base, method, path, body);
            } catch (RegistryException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
                if (e.httpStatus() == RegistryException.NO_RESPONSE) {
                    currentUrl.compareAndSet(urlIndex, urlIndex + 1);
                }
                LOG.debug("schema registry {} {} attempt {}/{} failed: {}", method, path, attempt + 1, attempts,
                        e.getMessage());
            }
        }
        throw new RegistryException(last.httpStatus(), last.errorCode(), "schema registry " + method + " " + path
                + " failed after " + attempts + " attempts: " + last.getMessage(), last);
    }

    private JsonNode send(URI base, String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        httpCalls.incrementAndGet();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    "cannot reach schema registry at " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    "interrupted while calling schema registry at " + base, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return json.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new RegistryException(status, 50001, "schema registry at " + base + " answered " + method
                        + " " + path + " with invalid JSON: " + abbreviate(response.body()), e);
            }
        }
        throw error(base, method, path, status, response.body());
    }

    private RegistryException error(URI base, String method, String path, int status, String body) {
        int errorCode = status;
        String message = abbreviate(body);
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.has("error_code")) {
                errorCode = node.path("error_code").asInt(status);
                message = node.path("message").asText(message);
            }
        } catch (JsonProcessingException notJson) {
            // keep the raw body as the message: proxies answer HTML
        }
        return new RegistryException(status, errorCode,
                "schema registry " + base + " " + method + " " + path + " -> HTTP " + status
                        + " error_code " + errorCode + ": " + message);
    }

    private Duration backoff(int retry) {
        long base = settings.retryBackoffBase().toMillis();
        long max = settings.retryBackoffMax().toMillis();
        long ceiling = Math.min(max, base << Math.min(retry - 1, 30));
        // "Equal jitter": at least half the exponential step, so retries never collapse to zero delay.
        long half = Math.max(1, ceiling / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static void sleep(Duration delay, String method, String path, RegistryException last) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(last.httpStatus(), last.errorCode(),
                    "interrupted while retrying schema registry " + method + " " + path, last);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
