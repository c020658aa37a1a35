package org.ggf.drmaa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The three places {@link SessionFactory#getFactory()} looks for the
 * implementation class, in the binding's order; its inputs are parameters so
 * that each place can be tested alone.
 */
final class SessionFactoryLookup {
    static final String PROPERTY = "org.ggf.drmaa.SessionFactory";
    static final String SERVICE_RESOURCE = "META-INF/services/" + PROPERTY;

    private SessionFactoryLookup() {
    }

    /**
     * Instantiates the first implementation class named by the system property
     * value, then the properties file, then the service resource. A class that is
     * named but cannot be used is an error at once; a place that names nothing, or
     * a file that cannot be read, passes on to the next place.
     * @param systemProperty value of the system property, or null if unset
     * @param propertiesFile the {@code drmaa.properties} file to read, if it exists
     * @param loader loads the class and finds the service resource
     * @return a new instance of the named factory class
     * @throws Error if no place names a class, or the named class is unusable
     */
    static SessionFactory find(String systemProperty, Path propertiesFile, ClassLoader loader) {
        if (isNamed(systemProperty)) {
            return instantiate(systemProperty.strip(), "system property " + PROPERTY, loader);
        }

        Exception unreadable = null;
        String fromFile = null;
        try {
            fromFile = readPropertiesFile(propertiesFile);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: Properties.load met a malformed unicode escape.
            unreadable = e;
        }
        if (isNamed(fromFile)) {
            return instantiate(fromFile.strip(), "key " + PROPERTY + " in " + propertiesFile, loader);
        }

        String fromService = null;
        try {
            fromService = readServiceResource(loader);
        } catch (IOException e) {
            if (unreadable == null) {
                unreadable = e;
            } else {
                unreadable.addSuppressed(e);
            }
        }
        if (isNamed(fromService)) {
            return instantiate(fromService, "class-path resource " + SERVICE_RESOURCE, loader);
        }

        throw new Error("No DRMAA implementation found: set the system property " + PROPERTY
                + ", or the key " + PROPERTY + " in " + propertiesFile
                + ", or put " + SERVICE_RESOURCE + " naming the SessionFactory class on the class path",
                unreadable);
    }

    private static boolean isNamed(String className) {
        return className != null && !className.isBlank();
    }

    private static String readPropertiesFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties.getProperty(PROPERTY);
    }

    /** Returns the first class name in the resource, skipping blank lines and '#' comments as ServiceLoader does. */
    private static String readServiceResource(ClassLoader loader) throws IOException {
        InputStream resource = loader.getResourceAsStream(SERVICE_RESOURCE);
        if (resource == null) {
            return null;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return null;
        }
    }

    private static SessionFactory instantiate(String className, String source, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new Error("DRMAA SessionFactory class " + className + " named by " + source
                    + " cannot be loaded: " + e, e);
        }
        if (!SessionFactory.class.isAssignableFrom(type)) {
            throw new Error("DRMAA SessionFactory class " + className + " named by " + source
                    + " does not extend " + SessionFactory.class.getName());
        }
        try {
            return (SessionFactory) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new Error("DRMAA SessionFactory class " + className + " named by " + source
                    + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Error("DRMAA SessionFactory class " + className + " named by " + source
                    + " cannot be instantiated (it needs a public no-argument constructor): " + e, e);
        }
    }
}
