package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFactoryTest {
    private static final String TEST = TestSessionFactory.class.getName();
    private static final String OTHER = TestSessionFactory.Other.class.getName();

    @TempDir
    Path dir;

    /** The test class path without the service file this module ships for LinuxSSI's own factory. */
    private final ClassLoader plain = new ClassLoader(getClass().getClassLoader()) {
        @Override
        public URL getResource(String name) {
            return name.equals("META-INF/services/org.ggf.drmaa.SessionFactory") ? null : super.getResource(name);
        }
    };

    @Test
    void systemPropertyComesFirst() throws IOException {
        Path file = propertiesFile(OTHER);
        ClassLoader services = servicesLoader(OTHER);

        assertThat(SessionFactoryLookup.find(TEST, file, services)).isExactlyInstanceOf(TestSessionFactory.class);
    }

    @Test
    void propertiesFileComesSecond() throws IOException {
        Path file = propertiesFile(TEST);
        ClassLoader services = servicesLoader(OTHER);

        assertThat(SessionFactoryLookup.find(null, file, services)).isExactlyInstanceOf(TestSessionFactory.class);
    }

    @Test
    void serviceResourceComesLast() throws IOException {
        ClassLoader services = servicesLoader("# the LinuxSSI factory\n\n  " + TEST + "  # trailing comment\n" + OTHER);

        assertThat(SessionFactoryLookup.find(null, dir.resolve("absent.properties"), services))
                .isExactlyInstanceOf(TestSessionFactory.class);
    }

    @Test
    void blankPropertyAndFileWithoutTheKeyPassOnToTheNextPlace() throws IOException {
        Path file = dir.resolve("drmaa.properties");
        Files.writeString(file, "some.other.key=value\n");

        assertThat(SessionFactoryLookup.find("  ", file, servicesLoader(TEST)))
                .isExactlyInstanceOf(TestSessionFactory.class);
    }

    @Test
    void aPropertiesPathThatIsNotAFilePassesOnToTheServiceResource() throws IOException {
        Path notAFile = Files.createDirectory(dir.resolve("drmaa.properties"));

        assertThat(SessionFactoryLookup.find(null, notAFile, servicesLoader(TEST)))
                .isExactlyInstanceOf(TestSessionFactory.class);
    }

    @Test
    void anUnreadablePropertiesFilePassesOnAndIsReportedIfNothingElseIsFound() throws IOException {
        Path malformed = dir.resolve("drmaa.properties");
        Files.writeString(malformed, "org.ggf.drmaa.SessionFactory=\\u00zz\n");

        assertThat(SessionFactoryLookup.find(null, malformed, servicesLoader(TEST)))
                .isExactlyInstanceOf(TestSessionFactory.class);
        assertThatThrownBy(() -> SessionFactoryLookup.find(null, malformed, plain))
                .isExactlyInstanceOf(Error.class)
                .hasMessageContaining("No DRMAA implementation found")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingConfiguredIsAnErrorNamingTheThreePlaces() {
        Path file = dir.resolve("drmaa.properties");

        assertThatThrownBy(() -> SessionFactoryLookup.find(null, file, plain))
                .isExactlyInstanceOf(Error.class)
                .hasMessageContaining("system property org.ggf.drmaa.SessionFactory")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("META-INF/services/org.ggf.drmaa.SessionFactory");
    }

    @Test
    void aNamedClassThatCannotBeUsedIsAnErrorWithoutFallingBack() throws IOException {
        ClassLoader services = servicesLoader(TEST);
        Path file = propertiesFile("com.example.Missing");

        assertThatThrownBy(() -> SessionFactoryLookup.find(null, file, services))
                .isExactlyInstanceOf(Error.class)
                .hasMessageContaining("com.example.Missing")
                .hasMessageContaining("cannot be loaded")
                .hasCauseInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> SessionFactoryLookup.find(String.class.getName(), file, services))
                .isExactlyInstanceOf(Error.class)
                .hasMessageContaining("does not extend org.ggf.drmaa.SessionFactory");
        assertThatThrownBy(() -> SessionFactoryLookup.find(TestSessionFactory.Failing.class.getName(), file, services))
                .isExactlyInstanceOf(Error.class)
                .hasMessageContaining("failed in its constructor")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SessionFactoryLookup.find(
                        TestSessionFactory.NoDefaultConstructor.class.getName(), file, services))
                .isExactlyInstanceOf(Error.class)
                .hasMessageContaining("public no-argument constructor");
    }

    @Test
    void getFactoryUsesTheSystemPropertyAndKeepsOneInstance() {
        String previous = System.getProperty(SessionFactoryLookup.PROPERTY);
        System.setProperty(SessionFactoryLookup.PROPERTY, TEST);
        try {
            SessionFactory factory = SessionFactory.getFactory();

            assertThat(factory).isExactlyInstanceOf(TestSessionFactory.class);
            assertThat(SessionFactory.getFactory()).isSameAs(factory);
        } finally {
            if (previous == null) {
                System.clearProperty(SessionFactoryLookup.PROPERTY);
            } else {
                System.setProperty(SessionFactoryLookup.PROPERTY, previous);
            }
        }
    }

    private Path propertiesFile(String className) throws IOException {
        Path file = dir.resolve("drmaa.properties");
        Files.writeString(file, "# DRMAA implementation\norg.ggf.drmaa.SessionFactory = " + className + "\n");
        return file;
    }

    private ClassLoader servicesLoader(String content) throws IOException {
        Path root = Files.createTempDirectory(dir, "classpath");
        Path services = Files.createDirectories(root.resolve("META-INF/services"));
        Files.writeString(services.resolve("org.ggf.drmaa.SessionFactory"), content);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, plain);
    }
}
