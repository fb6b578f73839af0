package dev.glimpse.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glimpse's HTTP side: health probes, Prometheus metrics and the live attention dashboard.
 *
 * <pre>
 * GET /health/live     200 while every liveness check passes, else 503; JSON says which failed
 * GET /health/ready    200 while every readiness check passes, else 503; JSON says why
 * GET /metrics         Prometheus text (JVM, Kafka Streams, glimpse_* meters)
 * GET /                the dashboard (static files from the jar, no CDN)
 * GET /api/recent      recent attention maps, newest first (?limit=, ?q= filter by id or text)
 * GET /api/summary     throughput, mean entropy, dead letters
 * GET /api/stream      server-sent events: one "attention" event per new attention map
 * </pre>
 */
public final class OpsServer implements AutoCloseable {

    /** The default HTTP port (the Docker image and the Kubernetes manifests expose it). */
    public static final int DEFAULT_PORT = 8080;

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECENT = 500;
    /**
     * The dashboard loads only its own script and style; together with rendering user text through
     * textContent this keeps a request containing markup from ever running as code.
     */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<String, HealthCheck> liveness;
    private final Map<String, HealthCheck> readiness;
    private final OpsMetrics metrics;
    private final AttentionFeed feed;
    private final Javalin app;

    private OpsServer(Builder b) {
        this.liveness = Map.copyOf(b.liveness);
        this.readiness = Map.copyOf(b.readiness);
        this.metrics = Objects.requireNonNull(b.metrics, "metrics");
        this.feed = Objects.requireNonNull(b.feed, "feed");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = b.host;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
                        "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
            });
            config.routes.get("/health/live", ctx -> health(ctx, liveness));
            config.routes.get("/health/ready", ctx -> health(ctx, readiness));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.get("/api/recent", this::recent);
            config.routes.get("/api/summary", ctx -> json(ctx, feed.summary()));
            config.routes.sse("/api/stream", this::stream);
        });
        app.start(b.port);
        log.info("ops server on http://{}:{}/ (dashboard, /metrics, /health/live, /health/ready)",
                b.host, app.port());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound port (the real one when built with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void health(Context ctx, Map<String, HealthCheck> checks) throws JsonProcessingException {
        Map<String, HealthCheck.Status> results = new LinkedHashMap<>();
        boolean up = true;
        for (var entry : new java.util.TreeMap<>(checks).entrySet()) {
            HealthCheck.Status status;
            try {
                status = entry.getValue().check();
            } catch (RuntimeException e) {
                status = HealthCheck.Status.down("check failed: " + e);
            }
            results.put(entry.getKey(), status);
            up &= status.up();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", results);
        ctx.status(up ? 200 : 503);
        json(ctx, body);
    }

    private void recent(Context ctx) throws JsonProcessingException {
        String limitParam = ctx.queryParam("limit");
        int limit = MAX_RECENT;
        if (limitParam != null) {
            try {
                limit = Math.max(0, Math.min(MAX_RECENT, Integer.parseInt(limitParam)));
            } catch (NumberFormatException e) {
                ctx.status(400);
                json(ctx, Map.of("error", "limit must be an integer, got: " + limitParam));
                return;
            }
        }
        json(ctx, feed.recent(limit, ctx.queryParam("q")));
    }

    private void stream(SseClient client) {
        client.keepAlive();
        AutoCloseable subscription = feed.subscribe(view -> {
            if (client.terminated()) {
                throw new IllegalStateException("dashboard client disconnected");
            }
            client.sendEvent("attention", toJson(view));
        });
        client.onClose(() -> {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException("unsubscribing dashboard client", e);
            }
        });
    }

    private static void json(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType("application/json").result(JSON.writeValueAsString(body));
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body.getClass().getSimpleName(), e);
        }
    }

    /** Configures and starts an {@link OpsServer}. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String host = "0.0.0.0";
        private OpsMetrics metrics;
        private AttentionFeed feed = new AttentionFeed(MAX_RECENT);
        private final Map<String, HealthCheck> liveness = new LinkedHashMap<>();
        private final Map<String, HealthCheck> readiness = new LinkedHashMap<>();

        private Builder() {}

        /** 0 picks a free port (tests). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("HTTP port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder metrics(OpsMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder feed(AttentionFeed feed) {
            this.feed = feed;
            return this;
        }

        public Builder liveness(String name, HealthCheck check) {
            liveness.put(name, check);
            return this;
        }

        public Builder readiness(String name, HealthCheck check) {
            readiness.put(name, check);
            return this;
        }

        /** Binds the port and starts serving. */
        public OpsServer start() {
            return new OpsServer(this);
        }
    }
}
