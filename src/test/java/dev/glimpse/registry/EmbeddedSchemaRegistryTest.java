package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint and error code of the embedded registry, over plain HTTP as any Confluent client would
 * call it, with the shapes and content types of Confluent's API reference.
 */
class EmbeddedSchemaRegistryTest extends WithEmbeddedRegistry {

    private static final String V1 = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String A_SPACED = "{ \"namespace\": \"t\", \"type\" : \"record\", \"name\":\"R\",\n"
            + "  \"fields\": [ {\"type\": \"int\", \"name\": \"a\"} ] }";
    private static final String B = "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}";
    private static final String C = "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
            + "{\"name\":\"c\",\"type\":\"string\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();

    private record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        int errorCode() throws IOException {
            return json().path("error_code").asInt();
        }
    }

    private Answer call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.length == 0) {
            request.header("Content-Type", V1);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private int register(String subject, String schema) throws Exception {
        Answer answer = call("POST", "/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("id").asInt();
    }

    private void assertError(Answer answer, int status, int errorCode) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.body()).isEqualTo(errorCode);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(answer.contentType()).startsWith(V1);
    }

    @Test
    void shouldAnswerTheRootAndSchemaTypes() throws Exception {
        Answer root = call("GET", "/", null);
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().isObject()).isTrue();
        assertThat(root.contentType()).startsWith(V1);
        assertThat(call("GET", "/schemas/types", null).json().toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void shouldRegisterAndAnswerOnlyTheId() throws Exception {
        Answer answer = call("POST", "/subjects/s/versions", schemaBody(A));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith(V1);
        assertThat(answer.json().toString()).isEqualTo("{\"id\":1}");
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdAndNoNewVersion() throws Exception {
        int first = register("s", A);
        int again = register("s", A);
        int spaced = register("s", A_SPACED);
        int otherSubject = register("other", A);

        assertThat(again).isEqualTo(first);
        assertThat(spaced).isEqualTo(first);
        assertThat(otherSubject).isEqualTo(first);
        assertThat(call("GET", "/subjects/s/versions", null).json().toString()).isEqualTo("[1]");
        assertThat(call("GET", "/schemas/ids/" + first + "/versions", null).json().toString())
                .isEqualTo("[{\"subject\":\"other\",\"version\":1},{\"subject\":\"s\",\"version\":1}]");
        assertThat(call("GET", "/schemas/ids/" + first + "/subjects", null).json().toString())
                .isEqualTo("[\"other\",\"s\"]");
        assertError(call("GET", "/schemas/ids/99/subjects", null), 404, 40403);
    }

    @Test
    void shouldServeSchemasById() throws Exception {
        int id = register("s", A);

        Answer byId = call("GET", "/schemas/ids/" + id, null);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(byId.json().get("schema").asText())).isEqualTo(new Schema.Parser().parse(A));
        assertThat(byId.json().has("schemaType")).as("omitted for AVRO, as Confluent does").isFalse();

        Answer raw = call("GET", "/schemas/ids/" + id + "/schema", null);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(raw.body())).isEqualTo(new Schema.Parser().parse(A));

        assertError(call("GET", "/schemas/ids/99", null), 404, 40403);
        assertError(call("GET", "/schemas/ids/99/schema", null), 404, 40403);
        assertError(call("GET", "/schemas/ids/x", null), 404, 40403);
        assertError(call("GET", "/schemas/ids/99/versions", null), 404, 40403);
    }

    @Test
    void shouldListSubjectsAndVersions() throws Exception {
        assertThat(call("GET", "/subjects", null).json().toString()).isEqualTo("[]");
        register("s", A);
        register("s", B);
        register("a", A);

        assertThat(call("GET", "/subjects", null).json().toString()).isEqualTo("[\"a\",\"s\"]");
        assertThat(call("GET", "/subjects/s/versions", null).json().toString()).isEqualTo("[1,2]");
        assertError(call("GET", "/subjects/missing/versions", null), 404, 40401);
    }

    @Test
    void shouldServeOneVersionLatestAndItsBareSchema() throws Exception {
        int idA = register("s", A);
        int idB = register("s", B);

        JsonNode v1 = call("GET", "/subjects/s/versions/1", null).json();
        assertThat(v1.get("subject").asText()).isEqualTo("s");
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("id").asInt()).isEqualTo(idA);
        assertThat(new Schema.Parser().parse(v1.get("schema").asText())).isEqualTo(new Schema.Parser().parse(A));
        for (String latest : new String[] {"latest", "-1"}) {
            JsonNode node = call("GET", "/subjects/s/versions/" + latest, null).json();
            assertThat(node.get("version").asInt()).isEqualTo(2);
            assertThat(node.get("id").asInt()).isEqualTo(idB);
        }
        assertThat(new Schema.Parser().parse(call("GET", "/subjects/s/versions/2/schema", null).body()))
                .isEqualTo(new Schema.Parser().parse(B));

        assertError(call("GET", "/subjects/s/versions/3", null), 404, 40402);
        assertError(call("GET", "/subjects/s/versions/0", null), 422, 42202);
        assertError(call("GET", "/subjects/s/versions/first", null), 422, 42202);
        assertError(call("GET", "/subjects/missing/versions/1", null), 404, 40401);
        assertError(call("GET", "/subjects/missing/versions/latest/schema", null), 404, 40401);
    }

    @Test
    void shouldLookUpASchemaUnderASubject() throws Exception {
        int id = register("s", A);

        Answer found = call("POST", "/subjects/s", schemaBody(A_SPACED));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("subject").asText()).isEqualTo("s");
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertThat(found.json().has("schema")).isTrue();

        assertError(call("POST", "/subjects/s", schemaBody(B)), 404, 40403);
        assertError(call("POST", "/subjects/missing", schemaBody(A)), 404, 40401);
        assertError(call("POST", "/subjects/s", schemaBody("not json")), 422, 42201);
    }

    @Test
    void shouldRejectAnIncompatibleSchemaWith409() throws Exception {
        register("s", A);

        Answer answer = call("POST", "/subjects/s/versions", schemaBody(C));

        assertError(answer, 409, 409);
        assertThat(answer.json().get("message").asText()).contains("incompatible", "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(call("GET", "/subjects/s/versions", null).json().toString()).isEqualTo("[1]");
    }

    @Test
    void shouldRejectInvalidSchemasWith42201() throws Exception {
        assertError(call("POST", "/subjects/s/versions", schemaBody("{\"type\":\"record\",\"name\":")), 422, 42201);
        assertError(call("POST", "/subjects/s/versions", schemaBody("{\"type\":\"nope\"}")), 422, 42201);
        assertError(call("POST", "/subjects/s/versions", "{\"schemaType\":\"AVRO\"}"), 422, 42201);
        assertError(call("POST", "/subjects/s/versions",
                JSON.createObjectNode().put("schema", "syntax = \"proto3\";").put("schemaType", "PROTOBUF").toString()),
                422, 42201);
        assertThat(call("GET", "/subjects", null).json().toString()).isEqualTo("[]");
    }

    @Test
    void shouldRejectMalformedJsonWith400() throws Exception {
        assertError(call("POST", "/subjects/s/versions", "{\"schema\": "), 400, 400);
    }

    @Test
    void shouldTestCompatibilityAgainstAVersion() throws Exception {
        register("s", A);

        Answer compatible = call("POST", "/compatibility/subjects/s/versions/latest", schemaBody(B));
        assertThat(compatible.status()).isEqualTo(200);
        assertThat(compatible.json().toString()).isEqualTo("{\"is_compatible\":true}");

        assertThat(call("POST", "/compatibility/subjects/s/versions/1", schemaBody(C)).json().toString())
                .isEqualTo("{\"is_compatible\":false}");
        JsonNode verbose = call("POST", "/compatibility/subjects/s/versions/1?verbose=true", schemaBody(C)).json();
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");

        assertThat(call("POST", "/compatibility/subjects/s/versions", schemaBody(C)).json().get("is_compatible").asBoolean())
                .isFalse();
        assertThat(call("POST", "/compatibility/subjects/new/versions", schemaBody(C)).json().get("is_compatible").asBoolean())
                .isTrue();
        assertError(call("POST", "/compatibility/subjects/s/versions/7", schemaBody(B)), 404, 40402);
        assertError(call("POST", "/compatibility/subjects/missing/versions/latest", schemaBody(B)), 404, 40401);
        assertError(call("POST", "/compatibility/subjects/s/versions/latest", schemaBody("{")), 422, 42201);
    }

    @Test
    void shouldReadAndChangeTheGlobalCompatibilityLevel() throws Exception {
        Answer global = call("GET", "/config", null);
        assertThat(global.contentType()).startsWith(V1);
        assertThat(global.json().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        Answer put = call("PUT", "/config", "{\"compatibility\":\"FULL\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(call("GET", "/config", null).json().toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

        assertError(call("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}"), 422, 42203);
    }

    @Test
    void shouldReadChangeAndDeleteASubjectCompatibilityLevel() throws Exception {
        register("s", A);
        assertError(call("GET", "/config/s", null), 404, 40408);
        assertThat(call("GET", "/config/s?defaultToGlobal=true", null).json().toString())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(call("PUT", "/config/s", "{\"compatibility\":\"NONE\"}").json().toString())
                .isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(call("GET", "/config/s", null).json().toString()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(register("s", C)).as("NONE accepts a breaking change").isPositive();

        assertThat(call("DELETE", "/config/s", null).json().toString()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertError(call("GET", "/config/s", null), 404, 40408);
        assertError(call("PUT", "/config/s", "{\"compatibility\":\"\"}"), 422, 42203);
        assertError(call("DELETE", "/config/never-seen", null), 404, 40401);
    }

    @Test
    void shouldSoftDeleteVersionsAndSubjectsButKeepIdsReadable() throws Exception {
        int idA = register("s", A);
        register("s", B);

        assertThat(call("DELETE", "/subjects/s/versions/1", null).body()).isEqualTo("1");
        assertThat(call("GET", "/subjects/s/versions", null).json().toString()).isEqualTo("[2]");
        assertError(call("GET", "/subjects/s/versions/1", null), 404, 40402);
        assertError(call("DELETE", "/subjects/s/versions/9", null), 404, 40402);

        assertThat(call("DELETE", "/subjects/s", null).json().toString()).isEqualTo("[2]");
        assertThat(call("GET", "/subjects", null).json().toString()).isEqualTo("[]");
        assertThat(call("GET", "/subjects?deleted=true", null).json().toString()).isEqualTo("[\"s\"]");
        assertError(call("GET", "/subjects/s/versions", null), 404, 40401);
        assertError(call("DELETE", "/subjects/s", null), 404, 40404);

        assertThat(call("DELETE", "/subjects/s?permanent=true", null).json().toString()).isEqualTo("[1,2]");
        assertThat(call("GET", "/subjects?deleted=true", null).json().toString()).isEqualTo("[]");
        assertError(call("DELETE", "/subjects/s", null), 404, 40401);
        assertThat(call("GET", "/schemas/ids/" + idA, null).status()).as("ids outlive deletes").isEqualTo(200);
    }

    @Test
    void shouldRefusePermanentDeleteBeforeSoftDelete() throws Exception {
        register("s", A);
        assertError(call("DELETE", "/subjects/s?permanent=true", null), 404, 40405);
    }

    @Test
    void shouldAcceptConfluentRequestContentTypesAndRefuseOthers() throws Exception {
        for (String type : new String[] {V1, "application/vnd.schemaregistry+json", "application/json",
                "application/octet-stream", "application/json; charset=utf-8"}) {
            Answer answer = call("POST", "/subjects/s/versions", schemaBody(A), "Content-Type", type);
            assertThat(answer.status()).as(type).isEqualTo(200);
        }
        assertError(call("POST", "/subjects/s/versions", schemaBody(A), "Content-Type", "text/plain"), 415, 415);
    }

    @Test
    void shouldAnswerInTheJsonTypeTheClientAccepts() throws Exception {
        assertThat(call("GET", "/subjects", null, "Accept", "application/json").contentType()).startsWith("application/json");
        assertThat(call("GET", "/subjects", null, "Accept", "application/vnd.schemaregistry+json").contentType())
                .startsWith("application/vnd.schemaregistry+json");
        assertThat(call("GET", "/subjects", null, "Accept",
                "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json")
                .contentType()).startsWith(V1);
        assertThat(call("GET", "/subjects", null, "Accept", "*/*").contentType()).startsWith(V1);
    }

    @Test
    void shouldAnswerUnknownEndpointsWithAConfluentStyle404() throws Exception {
        assertError(call("GET", "/no/such/endpoint", null), 404, 404);
    }

    @Test
    void shouldReportReadWriteMode() throws Exception {
        assertThat(call("GET", "/mode", null).json().toString()).isEqualTo("{\"mode\":\"READWRITE\"}");
    }

    @Test
    void shouldKeepSchemasAcrossStopAndRestartOnTheSamePort() throws Exception {
        int id = register("s", A);
        int port = registry.port();

        registry.stop();
        registry.restart();

        assertThat(registry.port()).isEqualTo(port);
        assertThat(call("GET", "/schemas/ids/" + id, null).status()).isEqualTo(200);
    }
}
