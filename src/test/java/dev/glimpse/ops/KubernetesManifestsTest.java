package dev.glimpse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glimpse.config.GlimpseConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/ checked without a cluster: every manifest parses strictly into the Kubernetes object model
 * (fabric8's classes; an unknown or mistyped field fails), the Kustomize files list exactly the
 * manifests there are, and the cross-references hold (names, labels and selectors, ports, probe
 * paths the ops server serves, environment variables Glimpse accepts, replicas vs partitions).
 */
class KubernetesManifestsTest {

    static final Path BASE = RepoFiles.ROOT.resolve("k8s/base");
    static final Path KEDA = RepoFiles.ROOT.resolve("k8s/overlays/keda");
    static final KubernetesSerialization K8S = new KubernetesSerialization();

    static final Map<String, HasMetadata> base = new LinkedHashMap<>();
    static final Map<String, HasMetadata> keda = new LinkedHashMap<>();

    @BeforeAll
    static void parseAll() throws IOException {
        load(BASE, base);
        load(KEDA, keda);
    }

    static void load(Path dir, Map<String, HasMetadata> into) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) continue;
                HasMetadata resource = K8S.unmarshal(Files.readString(file), HasMetadata.class);
                if (!(resource instanceof GenericKubernetesResource)) {
                    assertStrict(resource, file.getFileName() + ":" + resource.getKind());
                }
                into.put(file.getFileName().toString(), resource);
            }
        }
    }

    /**
     * fabric8 keeps fields it does not know (or whose type does not match) in additionalProperties
     * instead of failing; walking the object and demanding they are all empty makes parsing strict.
     */
    static void assertStrict(Object node, String path) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) assertStrict(item, path + "[" + i++ + "]");
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> assertStrict(v, path + "." + k));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            boolean isGetter = getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                    && (getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    && !getter.getName().equals("getClass") && getter.getDeclaringClass() != Object.class;
            if (!isGetter) continue;
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // derived values (e.g. Quantity's numerical amount of a non-quantity) are checked elsewhere
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value).as("unknown or mistyped fields at %s", path).isNullOrEmpty();
            } else {
                assertStrict(value, path + "." + getter.getName().replaceFirst("^(get|is)", ""));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T one(Map<String, HasMetadata> set, Class<T> type) {
        List<HasMetadata> found = set.values().stream().filter(type::isInstance).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return (T) found.get(0);
    }

    static Deployment deployment() {
        return one(base, Deployment.class);
    }

    static Container container() {
        List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static Map<String, String> configAndSecretEnv() {
        Map<String, String> env = new LinkedHashMap<>(one(base, ConfigMap.class).getData());
        Secret secret = one(base, Secret.class);
        if (secret.getStringData() != null) env.putAll(secret.getStringData());
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> env.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return env;
    }

    @Test
    void shouldListExactlyTheManifestsThereAreInEachKustomization() throws IOException {
        JsonNode kustomization = RepoFiles.yaml("k8s/base/kustomization.yaml");
        Set<String> listed = new TreeSet<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        assertThat(listed).isEqualTo(new TreeSet<>(base.keySet()));
        assertThat(kustomization.get("namespace").asText()).isEqualTo(one(base, Namespace.class).getMetadata().getName());
        assertThat(base.values()).extracting(HasMetadata::getKind).contains(
                "Namespace", "ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler");

        JsonNode overlay = RepoFiles.yaml("k8s/overlays/keda/kustomization.yaml");
        Set<String> overlayListed = new TreeSet<>();
        overlay.get("resources").forEach(r -> overlayListed.add(r.asText()));
        assertThat(overlayListed).contains("../../base").containsAll(keda.keySet());
        assertThat(overlayListed).hasSize(keda.size() + 1);
        String patch = overlay.at("/patches/0/patch").asText();
        assertThat(patch).contains("$patch: delete").contains("kind: HorizontalPodAutoscaler")
                .contains("name: " + one(base, HorizontalPodAutoscaler.class).getMetadata().getName());
    }

    @Test
    void shouldSelectTheDeploymentsPodsFromTheServiceThePdbAndTheAntiAffinity() {
        Deployment deployment = deployment();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertThat(podLabels).containsAllEntriesOf(selector);
        assertThat(podLabels).containsAllEntriesOf(one(base, Service.class).getSpec().getSelector());
        assertThat(one(base, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
        var antiAffinity = deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(antiAffinity).isNotEmpty();
        assertThat(antiAffinity.get(0).getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(podLabels).containsAllEntriesOf(antiAffinity.get(0).getPodAffinityTerm().getLabelSelector().getMatchLabels());

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(one(base, PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal())
                .isLessThan(deployment.getSpec().getReplicas());
        HorizontalPodAutoscaler hpa = one(base, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
    }

    @Test
    void shouldProbePathsTheOpsServerServesOnThePortItListensOn() throws Exception {
        Container container = container();
        ContainerPort http = container.getPorts().get(0);
        assertThat(http.getContainerPort()).isEqualTo(OpsServer.DEFAULT_PORT);
        GlimpseConfig config = RepoFiles.assertGlimpseLoads(configAndSecretEnv(), "ConfigMap + Secret");
        assertThat(config.httpPort()).isEqualTo(http.getContainerPort());

        Map<String, HTTPGetAction> probes = new LinkedHashMap<>();
        probes.put("startup", container.getStartupProbe().getHttpGet());
        probes.put("liveness", container.getLivenessProbe().getHttpGet());
        probes.put("readiness", container.getReadinessProbe().getHttpGet());
        assertThat(probes.get("startup").getPath()).isEqualTo("/health/live");
        assertThat(probes.get("liveness").getPath()).isEqualTo("/health/live");
        assertThat(probes.get("readiness").getPath()).isEqualTo("/health/ready");
        for (HTTPGetAction probe : probes.values()) {
            assertThat(probe.getPort().getStrVal()).isEqualTo(http.getName());
        }
        Service service = one(base, Service.class);
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo(http.getName());
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(OpsServer.DEFAULT_PORT);
        assertThat(deployment().getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", String.valueOf(http.getContainerPort()))
                .containsEntry("prometheus.io/path", "/metrics");

        // The paths answer on a real ops server (503 is a valid readiness answer; 404 would not be).
        try (OpsMetrics metrics = new OpsMetrics();
                OpsServer server = OpsServer.builder().port(0).host("127.0.0.1").metrics(metrics).start()) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
                int status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                assertThat(status).as(path).isIn(200, 503);
            }
        }
    }

    @Test
    void shouldTakeEveryEnvironmentVariableFromTheConfigMapAndSecretItDefines() {
        Container container = container();
        assertThat(container.getEnv()).as("all settings come from the ConfigMap and the Secret").isNullOrEmpty();
        assertThat(container.getEnvFrom()).hasSize(2);
        assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo(one(base, ConfigMap.class).getMetadata().getName());
        assertThat(container.getEnvFrom().get(1).getSecretRef().getName()).isEqualTo(one(base, Secret.class).getMetadata().getName());

        GlimpseConfig config = RepoFiles.assertGlimpseLoads(configAndSecretEnv(), "ConfigMap + Secret");
        assertThat(config.embedded()).as("Kubernetes runs against an existing cluster").isFalse();
        assertThat(config.kafkaProperties()).containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        assertThat(config.registryBasicAuth()).isPresent();
        assertThat(one(base, ConfigMap.class).getData().keySet())
                .as("credentials belong in the Secret").noneMatch(k -> k.contains("JAAS") || k.contains("AUTH") || k.contains("PASSWORD"));
    }

    @Test
    void shouldRunNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() throws Exception {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        Container container = container();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        String dockerUser = DockerFilesTest.instructions(RepoFiles.text("docker/Dockerfile")).stream()
                .filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow().args();
        assertThat(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup()).isEqualTo(dockerUser);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        String tmpVolume = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow(() -> new AssertionError("no /tmp mount")).getName();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmpVolume);
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30L);
    }

    @Test
    void shouldRequestNoMoreThanItsLimits() {
        var resources = container().getResources();
        for (String name : List.of("cpu", "memory")) {
            Quantity request = resources.getRequests().get(name);
            Quantity limit = resources.getLimits().get(name);
            assertThat(request).as("%s request", name).isNotNull();
            assertThat(limit).as("%s limit", name).isNotNull();
            assertThat(request.getNumericalAmount()).as(name).isLessThanOrEqualTo(limit.getNumericalAmount());
        }
    }

    @Test
    void shouldUseTheImageTheComposeFileBuilds() throws Exception {
        String image = container().getImage();
        assertThat(image).isEqualTo(RepoFiles.yaml("docker/docker-compose.yml").at("/services/glimpse/image").asText());
        JsonNode images = RepoFiles.yaml("k8s/base/kustomization.yaml").get("images").get(0);
        assertThat(images.get("name").asText() + ":" + images.get("newTag").asText()).isEqualTo(image);
        assertThat(container().getArgs()).containsExactly("run");
    }

    @Test
    void shouldNeverScaleBeyondTheInputPartitions() {
        GlimpseConfig config = GlimpseConfig.load(Map.of(), Map.of(), configAndSecretEnv());
        HorizontalPodAutoscaler hpa = one(base, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getMaxReplicas()).isLessThanOrEqualTo(config.partitions());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(deployment().getSpec().getReplicas());

        GenericKubernetesResource scaled = (GenericKubernetesResource) keda.get("scaledobject.yaml");
        assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaled.getKind()).isEqualTo("ScaledObject");
        JsonNode spec = RepoFiles.JSON.valueToTree(scaled.getAdditionalProperties().get("spec"));
        assertThat(spec.at("/scaleTargetRef/name").asText()).isEqualTo(deployment().getMetadata().getName());
        assertThat(spec.get("maxReplicaCount").asInt()).isLessThanOrEqualTo(config.partitions());
        assertThat(spec.get("minReplicaCount").asInt()).isEqualTo(deployment().getSpec().getReplicas());
        JsonNode trigger = spec.get("triggers").get(0);
        assertThat(trigger.get("type").asText()).isEqualTo("kafka");
        assertThat(trigger.at("/metadata/consumerGroup").asText()).as("Streams' group is its application id").isEqualTo(config.applicationId());
        assertThat(trigger.at("/metadata/topic").asText()).isEqualTo(config.topics().requests());
        assertThat(trigger.at("/metadata/bootstrapServers").asText()).isEqualTo(config.bootstrapServers().orElseThrow());
        GenericKubernetesResource auth = (GenericKubernetesResource) keda.get("triggerauthentication.yaml");
        assertThat(auth.getKind()).isEqualTo("TriggerAuthentication");
        assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo(auth.getMetadata().getName());
    }

    @Test
    void shouldRejectAManifestWithAnUnknownField() {
        Deployment broken = K8S.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          livenessProbe: {httpGet: {path: /health/live, port: 8080}, periodSecond: 10}
                """, Deployment.class);
        try {
            assertStrict(broken, "Deployment");
        } catch (AssertionError expected) {
            assertThat(expected).hasMessageContaining("periodSecond").hasMessageContaining("LivenessProbe");
            return;
        }
        fail("a misspelt field was accepted");
    }

    @Test
    void shouldPassYamllintWhenItIsInstalled() throws Exception {
        Path yamllint = Stream.of("/usr/bin/yamllint", "/usr/local/bin/yamllint").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(yamllint != null,
                "yamllint is not installed (apt-get install -y yamllint; .ci/run installs it)");
        List<String> command = new ArrayList<>(List.of(yamllint.toString(), "-s", "-f", "parsable", "-c", ".yamllint.yml", "docker", "k8s"));
        Process process = new ProcessBuilder(command).directory(RepoFiles.ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("yamllint:\n%s", output).isZero();
    }
}
