package dev.glimpse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed certificate for localhost made with the JDK's keytool: the keystore a TLS registry
 * serves it from, and a truststore that holds only it (so a client trusts it only when told to).
 */
public record SelfSignedCertificate(Path keystore, Path truststore, String password) {

    public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        String password = "changeit";
        Path keystore = dir.resolve("registry.p12");
        Path truststore = dir.resolve("trust.p12");
        Path certificate = dir.resolve("registry.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
        return new SelfSignedCertificate(keystore, truststore, password);
    }

    /** An embedded registry serving https with this certificate on a free port. */
    public EmbeddedSchemaRegistry startRegistry() {
        return EmbeddedSchemaRegistry.builder().tls(keystore, password, "PKCS12").start("localhost", 0);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }
}
