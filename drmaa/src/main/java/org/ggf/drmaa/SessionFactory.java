package org.ggf.drmaa;

import java.nio.file.Path;

/**
 * Entry point of the binding: finds the installed DRMAA implementation and
 * hands out its {@link Session}.
 *
 * <p>{@link #getFactory()} reads the implementation's factory class name from,
 * in this order: the system property {@code org.ggf.drmaa.SessionFactory}; the key
 * {@code org.ggf.drmaa.SessionFactory} in {@code $java.home/lib/drmaa.properties}; the first
 * class named in the class-path resource
 * {@code META-INF/services/org.ggf.drmaa.SessionFactory}. The class must extend
 * SessionFactory and have a public no-argument constructor.</p>
 *
 * <pre>
 * Session session = SessionFactory.getFactory().getSession();
 * session.init("");
 * ...
 * session.exit();
 * </pre>
 */
public abstract class SessionFactory {
    private static SessionFactory installed;

    /** Creates a factory; implementations need a public no-argument constructor. */
    public SessionFactory() {
    }

    /**
     * Returns a Session of this factory's DRMAA implementation.
     * @return a session, not yet initialised
     */
    public abstract Session getSession();

    /**
     * Returns the factory of the installed DRMAA implementation, found on the
     * first call and the same instance afterwards.
     * @return the implementation's factory
     * @throws Error if no implementation is configured, or the configured class
     *     cannot be loaded or instantiated
     */
    public static SessionFactory getFactory() {
        synchronized (SessionFactory.class) {
            if (installed == null) {
                installed = SessionFactoryLookup.find(
                        System.getProperty(SessionFactoryLookup.PROPERTY),
                        Path.of(System.getProperty("java.home"), "lib", "drmaa.properties"),
                        classLoader());
            }
            return installed;
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SessionFactory.class.getClassLoader();
    }
}
