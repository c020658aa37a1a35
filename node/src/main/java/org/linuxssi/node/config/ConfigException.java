package org.linuxssi.node.config;

/** A configuration value that cannot be used; the message is the one line a user reads. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
