package org.linuxssi.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.linuxssi.api.ProtocolVersion;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints "krgadm (LinuxSSI) 0.1.0, protocol 1.0" for whichever tool is running. */
public final class ToolVersion implements IVersionProvider {

    @Spec
    private CommandSpec spec;

    @Override
    public String[] getVersion() {
        return new String[] {line(spec.root().name())};
    }

    /** The version line of a tool. */
    public static String line(String tool) {
        return tool + " (LinuxSSI) " + projectVersion() + ", protocol " + ProtocolVersion.CURRENT;
    }

    private static String projectVersion() {
        Properties properties = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream("tool.properties")) {
            if (in == null) {
                throw new IllegalStateException("tool.properties is missing from the linuxssi-tools jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
