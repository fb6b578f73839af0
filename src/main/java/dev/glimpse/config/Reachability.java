package dev.glimpse.config;

import dev.glimpse.registry.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Start-up checks that the configured cluster and registry answer, so that a wrong address or
 * credential is a clear message within seconds rather than a client retrying in the background.
 */
public final class Reachability {

    private Reachability() {}

    /**
     * Asks the cluster to describe itself.
     *
     * @return the number of brokers that answered
     * @throws InvalidConfigException when it does not answer within the timeout, or refuses
     */
    public static int requireKafka(Map<String, Object> clientProps, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProps);
        int millis = (int) timeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        Object bootstrap = props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidConfigException("Interrupted while checking Kafka at " + bootstrap, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new InvalidConfigException("Cannot reach Kafka at " + bootstrap + " within "
                    + timeout.toSeconds() + " s (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + "). Check " + Setting.BOOTSTRAP_SERVERS.flag() + " / " + Setting.BOOTSTRAP_SERVERS.envVar()
                    + " and the security settings (security.protocol, sasl.*, ssl.*).", cause);
        } catch (RuntimeException e) {
            // Admin.create fails fast on settings it cannot use (e.g. a missing truststore file).
            throw new InvalidConfigException("Cannot create a Kafka client for " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /**
     * Calls the registry's {@code GET /subjects}, which every Confluent-compatible registry serves.
     *
     * @throws InvalidConfigException when it does not answer 200 within the timeout
     */
    public static void requireRegistry(RegistrySettings settings, Duration timeout) {
        String url = settings.urls().get(0).toString();
        String shown = GlimpseConfig.withoutUserInfo(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/subjects"))
                .timeout(timeout)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .GET();
        settings.authorization().ifPresent(value -> request.header("Authorization", value));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        try {
            // The same trust as the registry client's, so that this check passes exactly when it would.
            settings.sslContext().ifPresent(builder::sslContext);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(List.of(Setting.REGISTRY_TRUSTSTORE.flag() + ": " + e.getMessage()));
        }
        HttpClient client = builder.build();
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidConfigException("Interrupted while checking the schema registry at " + shown, e);
        } catch (IOException e) {
            throw new InvalidConfigException("Cannot reach the schema registry at " + shown + " within "
                    + timeout.toSeconds() + " s (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Check "
                    + Setting.REGISTRY_URL.flag() + " / " + Setting.REGISTRY_URL.envVar()
                    + (e instanceof javax.net.ssl.SSLException
                            ? ", and " + Setting.REGISTRY_TRUSTSTORE.flag() + " if its certificate is not signed by a public CA."
                            : "."), e);
        }
        if (status == 401 || status == 403) {
            throw new InvalidConfigException(List.of("The schema registry at " + shown + " refused the credentials (HTTP "
                    + status + "). Check " + Setting.REGISTRY_BASIC_AUTH.flag() + " / " + Setting.REGISTRY_BASIC_AUTH.envVar() + "."));
        }
        if (status != 200) {
            throw new InvalidConfigException(List.of("The schema registry at " + shown + " answered HTTP " + status
                    + " to GET /subjects; is " + shown + " a Confluent-compatible Schema Registry?"));
        }
    }
}
