package org.linuxssi.drmaa;

import org.ggf.drmaa.Session;
import org.ggf.drmaa.SessionFactory;

/** The factory {@code SessionFactory.getFactory()} finds through META-INF/services: one session per process. */
public final class LinuxSsiSessionFactory extends SessionFactory {

    private LinuxSsiSession session;

    public LinuxSsiSessionFactory() {
        // Public and without arguments, as the binding's lookup requires.
    }

    @Override
    public synchronized Session getSession() {
        if (session == null) {
            session = new LinuxSsiSession(System.getenv());
        }
        return session;
    }
}
