package org.ggf.drmaa;

/** A SessionFactory for lookup tests; it has no sessions to give. */
public class TestSessionFactory extends SessionFactory {
    @Override
    public Session getSession() {
        throw new UnsupportedOperationException("test factory");
    }

    /** A second factory class, to tell which lookup place won. */
    public static class Other extends TestSessionFactory {
    }

    /** A factory whose constructor fails. */
    public static class Failing extends TestSessionFactory {
        public Failing() {
            throw new IllegalStateException("constructor failed on purpose");
        }
    }

    /** A factory without a public no-argument constructor. */
    public static class NoDefaultConstructor extends TestSessionFactory {
        public NoDefaultConstructor(String unused) {
        }
    }
}
