package dev.glimpse.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How Glimpse talks to a Confluent-compatible Schema Registry. Immutable; build with {@link #builder()}.
 *
 * @param urls               one or more base URLs; the client moves to the next on connection failures
 * @param basicAuthUser      HTTP basic auth user, or null for no authentication
 * @param basicAuthPassword  HTTP basic auth password (never printed)
 * @param truststorePath     truststore for TLS, or null to trust the JDK's default CAs
 * @param truststorePassword truststore password (never printed), may be null
 * @param truststoreType     truststore type, PKCS12 by default
 * @param connectTimeout     TCP connect timeout
 * @param requestTimeout     timeout of one HTTP request (one attempt)
 * @param maxRetries         retries after the first attempt on connection errors and 408/429/5xx
 * @param retryBackoffBase   first backoff; doubles each retry, with jitter
 * @param retryBackoffMax    upper bound of one backoff
 * @param autoRegister       serializers register their schema (true) or only look it up (false)
 * @param useLatestVersion   serializers write with the subject's latest registered schema
 *                           (only when autoRegister is false, as in Confluent's serializers)
 * @param subjectNameStrategy how serializers name subjects
 */
public record RegistrySettings(
        List<URI> urls,
        String basicAuthUser,
        String basicAuthPassword,
        Path truststorePath,
        String truststorePassword,
        String truststoreType,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoffBase,
        Duration retryBackoffMax,
        boolean autoRegister,
        boolean useLatestVersion,
        SubjectNameStrategy subjectNameStrategy) {

    public RegistrySettings {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        for (URI url : urls) {
            String scheme = url.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("schema registry URL must be http(s): " + url);
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("schema registry URL has no host: " + url);
            }
        }
        urls = List.copyOf(urls);
        if ((basicAuthUser == null) != (basicAuthPassword == null)) {
            throw new IllegalArgumentException("basic auth needs both a user and a password");
        }
        truststoreType = truststoreType == null ? "PKCS12" : truststoreType;
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(retryBackoffBase, "retryBackoffBase");
        requirePositive(retryBackoffMax, "retryBackoffMax");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (retryBackoffMax.compareTo(retryBackoffBase) < 0) {
            throw new IllegalArgumentException("retryBackoffMax must be >= retryBackoffBase");
        }
        Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Settings with every default and one URL. */
    /**
     * The TLS context that trusts the configured truststore; empty without one (the JVM's default
     * context then, which honours {@code javax.net.ssl.trustStore}).
     *
     * @throws IllegalArgumentException when the truststore cannot be read
     */
    public Optional<SSLContext> sslContext() {
        if (truststorePath == null) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(truststorePath)) {
            KeyStore trustStore = KeyStore.getInstance(truststoreType);
            char[] password = truststorePassword == null ? null : truststorePassword.toCharArray();
            trustStore.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load schema registry truststore "
                    + truststorePath + " (" + truststoreType + "): " + e.getMessage(), e);
        }
    }

    public static RegistrySettings of(String url) {
        return builder().url(url).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.urls.addAll(urls);
        b.basicAuthUser = basicAuthUser;
        b.basicAuthPassword = basicAuthPassword;
        b.truststorePath = truststorePath;
        b.truststorePassword = truststorePassword;
        b.truststoreType = truststoreType;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.maxRetries = maxRetries;
        b.retryBackoffBase = retryBackoffBase;
        b.retryBackoffMax = retryBackoffMax;
        b.autoRegister = autoRegister;
        b.useLatestVersion = useLatestVersion;
        b.subjectNameStrategy = subjectNameStrategy;
        return b;
    }

    public boolean hasBasicAuth() {
        return basicAuthUser != null;
    }

    /** The {@code Authorization} header value these settings send, if any. */
    public Optional<String> authorization() {
        return hasBasicAuth() ? Optional.of(basicAuthorization(basicAuthUser, basicAuthPassword)) : Optional.empty();
    }

    /** HTTP basic auth: {@code Basic base64(user:password)}, what client and server both compute. */
    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Secrets are redacted: settings are logged at start-up. */
    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls
                + ", basicAuthUser=" + basicAuthUser
                + ", basicAuthPassword=" + redact(basicAuthPassword)
                + ", truststorePath=" + truststorePath
                + ", truststorePassword=" + redact(truststorePassword)
                + ", truststoreType=" + truststoreType
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout
                + ", maxRetries=" + maxRetries
                + ", retryBackoffBase=" + retryBackoffBase
                + ", retryBackoffMax=" + retryBackoffMax
                + ", autoRegister=" + autoRegister
                + ", useLatestVersion=" + useLatestVersion
                + ", subjectNameStrategy=" + subjectNameStrategy + "]";
    }

    private static String redact(String secret) {
        return secret == null ? "null" : "[redacted]";
    }

    /** Builder with Confluent's defaults (auto-register on, latest version off, TopicNameStrategy). */
    public static final class Builder {
        private final List<URI> urls = new ArrayList<>();
        private String basicAuthUser;
        private String basicAuthPassword;
        private Path truststorePath;
        private String truststorePassword;
        private String truststoreType = "PKCS12";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxRetries = 5;
        private Duration retryBackoffBase = Duration.ofMillis(100);
        private Duration retryBackoffMax = Duration.ofSeconds(5);
        private boolean autoRegister = true;
        private boolean useLatestVersion = false;
        private SubjectNameStrategy subjectNameStrategy = SubjectNameStrategy.TOPIC_NAME;

        private Builder() {}

        /** Adds one URL, or several separated by commas (as Confluent's {@code schema.registry.url}). */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            for (String part : url.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    urls.add(URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed));
                }
            }
            return this;
        }

        public Builder urls(List<String> urls) {
            urls.forEach(this::url);
            return this;
        }

        public Builder basicAuth(String user, String password) {
            this.basicAuthUser = user;
            this.basicAuthPassword = password;
            return this;
        }

        public Builder truststore(Path path, String password, String type) {
            this.truststorePath = path;
            this.truststorePassword = password;
            this.truststoreType = type;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder retryBackoff(Duration base, Duration max) {
            this.retryBackoffBase = base;
            this.retryBackoffMax = max;
            return this;
        }

        public Builder autoRegister(boolean autoRegister) {
            this.autoRegister = autoRegister;
            return this;
        }

        public Builder useLatestVersion(boolean useLatestVersion) {
            this.useLatestVersion = useLatestVersion;
            return this;
        }

        public Builder subjectNameStrategy(SubjectNameStrategy subjectNameStrategy) {
            this.subjectNameStrategy = subjectNameStrategy;
            return this;
        }

        public RegistrySettings build() {
            return new RegistrySettings(urls, basicAuthUser, basicAuthPassword, truststorePath, truststorePassword,
                    truststoreType, connectTimeout, requestTimeout, maxRetries, retryBackoffBase, retryBackoffMax,
                    autoRegister, useLatestVersion, subjectNameStrategy);
        }
    }
}
