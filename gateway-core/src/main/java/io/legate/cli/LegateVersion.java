package io.legate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version of the gateway-core jar, from the {@code pom.properties} that Maven writes into every jar;
 * {@code unknown} when running from classes that were never packaged (an IDE, unit tests).
 */
public final class LegateVersion implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/io.legate/gateway-core/pom.properties";

    public static String current() {
        try (InputStream in = LegateVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"legate " + current()};
    }
}
