package dev.glimpse.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: one KRaft node in combined mode (broker and controller),
 * with its log in a temporary directory that is deleted on close.
 *
 * <p>This is what {@code kafka-storage.sh format} followed by {@code kafka-server-start.sh} does,
 * done in code: the storage is formatted with Kafka's own {@link Formatter}, then
 * {@link KafkaRaftServer} is started. The test kit ({@code KafkaClusterTestKit}) is not used here
 * because it binds every listener to an ephemeral port, while the embedded default must sit on the
 * fixed, well-known {@code localhost:9092} so that stock tools find it.
 *
 * <p>Settings are those of a single-node cluster: replication factor 1 everywhere, including the
 * transaction state log (so {@code exactly_once_v2} works), and no initial rebalance delay.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final int port;
    private final Path logDir;
    private final KafkaRaftServer server;

    private EmbeddedKafka(String host, int port, Path logDir, KafkaRaftServer server) {
        this.host = host;
        this.port = port;
        this.logDir = logDir;
        this.server = server;
    }

    /** Starts a broker on {@code host:port} (port 0: a free port is picked) and waits until it answers. */
    public static EmbeddedKafka start(String host, int port) {
        return start(host, port, Map.of());
    }

    /**
     * Starts a broker with extra broker settings (they win over the defaults) and returns once an
     * Admin client gets an answer from it.
     *
     * @throws EmbeddedKafkaException when the port is taken or the broker does not come up in time
     */
    public static EmbeddedKafka start(String host, int port, Map<String, String> overrides) {
        int brokerPort = port == 0 ? freePort(host) : port;
        requireFree(host, brokerPort);
        // The controller listener only talks to this node; any free port will do.
        int controllerPort = freePort(host);
        Path logDir;
        try {
            logDir = Files.createTempDirectory("glimpse-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a log directory for the embedded broker", e);
        }
        KafkaRaftServer server;
        try {
            KafkaConfig config = new KafkaConfig(brokerProperties(host, brokerPort, controllerPort, logDir, overrides), false);
            try {
                formatStorage(logDir);
            } catch (Exception e) {
                throw new EmbeddedKafkaException("Cannot format the embedded broker's storage in " + logDir, e);
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException | Error e) {
            // Errors too: a JVM shutting down makes Kafka's static initialisers fail with one.
            deleteRecursively(logDir);
            throw e;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(host, brokerPort, logDir, server);
        try {
            server.startup();
            kafka.awaitReady();
        } catch (Error e) {
            kafka.close();
            throw e;
        } catch (RuntimeException e) {
            kafka.close();
            throw e instanceof EmbeddedKafkaException ek ? ek
                    : new EmbeddedKafkaException("The embedded broker on " + host + ":" + brokerPort + " failed to start", e);
        }
        log.info("Embedded Kafka broker (KRaft) is up at {}", kafka.bootstrapServers());
        return kafka;
    }

    /** {@code host:port} to give producers, consumers, kcat and the console tools. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteRecursively(logDir);
        }
    }

    /**
     * The settings of a single-node KRaft cluster on {@code host}: also what a broker in its own JVM
     * ({@code kafka.Kafka server.properties}) runs with, after {@link #formatStorage(Path)}.
     */
    public static Properties brokerProperties(String host, int brokerPort, int controllerPort, Path logDir,
                                              Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(overrides);
        return p;
    }

    /** Formats {@code logDir} for node 1 of a new cluster, as {@code kafka-storage.sh format} does. */
    public static void formatStorage(Path logDir) throws Exception {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName("CONTROLLER")
                // metadata.log.dir is unset, so the metadata log lives in the (only) log dir.
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString());
        formatter.run();
    }

    /** Start-up is done when the broker answers a metadata call, not when startup() returns. */
    private void awaitReady() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedKafkaException("Interrupted while waiting for the embedded broker", e);
                } catch (Exception e) {
                    last = e;
                }
            }
        }
        throw new EmbeddedKafkaException("The embedded broker at " + bootstrapServers()
                + " did not answer within " + STARTUP_TIMEOUT.toSeconds() + " s", last);
    }

    /** A port nothing listens on right now. */
    public static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot find a free port on " + host, e);
        }
    }

    private static void requireFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot start the embedded broker: " + host + ":" + port
                    + " is already in use (another Kafka running?). Choose another port with --kafka-port, "
                    + "or point Glimpse at that cluster with --bootstrap-servers.", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("Could not delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete the embedded broker's log directory {}: {}", dir, e.getMessage());
        }
    }
}
