package dev.seedloop.engine.internal.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version as the build stamped it, recorded in every trace header. */
final class EngineVersion {
    private static final String VERSION = load();

    private EngineVersion() {}

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("engine-version.properties")) {
            if (in == null) {
                return "seedloop-engine (unknown version)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return "seedloop-engine " + properties.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "seedloop-engine (unknown version)";
        }
    }
}
