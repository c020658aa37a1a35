package org.linuxssi.drmaa;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ggf.drmaa.InvalidContactStringException;

/**
 * A LinuxSSI DRMAA contact string: {@code linuxssi:[SESSION][@SOCKET]}. SESSION is the number of
 * a session to re-open (none: a new session); SOCKET the linuxssid Unix socket (none: the
 * {@code linuxssi.socket} system property, else {@code $LINUXSSI_SOCKET}, else
 * {@code /run/linuxssi/ssi.sock}). {@code linuxssi:7@/run/linuxssi/ssi.sock} names session 7 of the
 * local daemon; {@code null} and {@code ""} mean a new session there.
 *
 * @param session 0 for a new session
 */
public record ContactString(long session, Path socket) {

    public static final String SCHEME = "linuxssi:";
    public static final Path DEFAULT_SOCKET = Path.of("/run/linuxssi/ssi.sock");

    public static ContactString parse(String contact, Map<String, String> env) throws InvalidContactStringException {
        if (contact == null || contact.isEmpty()) {
            return new ContactString(0, defaultSocket(env));
        }
        if (!contact.startsWith(SCHEME)) {
            throw invalid(contact);
        }
        String rest = contact.substring(SCHEME.length());
        int at = rest.indexOf('@');
        String session = at < 0 ? rest : rest.substring(0, at);
        Path socket = at < 0 ? defaultSocket(env) : Path.of(rest.substring(at + 1));
        if (at >= 0 && !socket.isAbsolute()) {
            throw invalid(contact);
        }
        long id = 0;
        if (!session.isEmpty()) {
            try {
                id = Long.parseLong(session);
            } catch (NumberFormatException e) {
                throw invalid(contact);
            }
            if (id <= 0) {
                throw invalid(contact);
            }
        }
        return new ContactString(id, socket);
    }

    static Path defaultSocket(Map<String, String> env) {
        return Optional.ofNullable(System.getProperty("linuxssi.socket"))
                .or(() -> Optional.ofNullable(env.get("LINUXSSI_SOCKET")))
                .filter(s -> !s.isEmpty()).map(Path::of).orElse(DEFAULT_SOCKET);
    }

    private static InvalidContactStringException invalid(String contact) {
        return new InvalidContactStringException("contact string '" + contact + "' is not " + SCHEME
                + "[SESSION][@SOCKET] (SESSION a positive number, SOCKET an absolute path), e.g. " + SCHEME
                + "7@" + DEFAULT_SOCKET);
    }

    /** The string that re-opens this session. */
    public String format() {
        return SCHEME + (session == 0 ? "" : Long.toString(session)) + "@" + socket;
    }
}
