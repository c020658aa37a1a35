package org.linuxssi.node.drmaa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.linuxssi.node.config.ConfigException;
import org.linuxssi.node.config.KeyValueFile;

/**
 * krg-drmaa-server.conf: the default working directory of DRMAA jobs and the command that mails
 * their ends (a job's {@code email} attribute). Read from the first of the
 * given places that holds the file (beside node.conf, then XtreemOS's
 * {@code /etc/xos/config/linuxssi-drmaa/}); no file means every default.
 *
 * @param workingDirectory absolute, or starting with {@code $HOME} (the submitting user's home)
 * @param mailCommand      program and arguments that read one whole message, headers first, on
 *                         standard input and send it ({@code sendmail -t} reads the recipients
 *                         from the headers)
 */
public record DrmaaServerConfig(String workingDirectory, List<String> mailCommand) {

    public static final String FILE = "krg-drmaa-server.conf";
    public static final Path XTREEMOS_DIR = Path.of("/etc/xos/config/linuxssi-drmaa");
    public static final String HOME = "$HOME";
    public static final List<String> SENDMAIL = List.of("/usr/sbin/sendmail", "-t", "-oi");
    private static final String WORKING_DIRECTORY = "working_directory";
    private static final String MAIL_COMMAND = "mail_command";

    public DrmaaServerConfig {
        mailCommand = List.copyOf(mailCommand);
    }

    public static DrmaaServerConfig defaults() {
        return new DrmaaServerConfig(HOME, SENDMAIL);
    }

    /** The first of {@code places} that exists is read. */
    public static DrmaaServerConfig read(List<Path> places) throws ConfigException {
        for (Path place : places) {
            if (Files.isRegularFile(place)) {
                try {
                    return parse(Files.readString(place, StandardCharsets.UTF_8), place.toString());
                } catch (IOException e) {
                    throw new ConfigException(place + ": cannot read: " + e.getMessage());
                }
            }
        }
        return defaults();
    }

    public static DrmaaServerConfig parse(String text, String source) throws ConfigException {
        KeyValueFile file = KeyValueFile.parse(text, source, Set.of(WORKING_DIRECTORY, MAIL_COMMAND));
        String value = Optional.ofNullable(file.values().get(WORKING_DIRECTORY)).orElse(HOME);
        if (value.isEmpty()) {
            value = HOME;
        }
        if (!value.startsWith("/") && !value.equals(HOME) && !value.startsWith(HOME + "/")) {
            throw new ConfigException(file.where(WORKING_DIRECTORY) + ": working_directory '" + value
                    + "' is neither an absolute path nor $HOME or $HOME/...");
        }
        String mail = Optional.ofNullable(file.values().get(MAIL_COMMAND)).orElse("").strip();
        List<String> mailCommand = mail.isEmpty() ? SENDMAIL : List.of(mail.split("\\s+"));
        if (!mailCommand.get(0).startsWith("/")) {
            throw new ConfigException(file.where(MAIL_COMMAND) + ": mail_command '" + mail
                    + "' must start with an absolute program path (e.g. /usr/sbin/sendmail -t -oi)");
        }
        return new DrmaaServerConfig(value, mailCommand);
    }

    /** The default working directory for a user whose home is {@code home}. */
    public String workingDirectoryFor(String home) {
        return workingDirectory.startsWith(HOME) ? home + workingDirectory.substring(HOME.length()) : workingDirectory;
    }
}
