package org.linuxssi.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a port P such that P and P+1 are free on every given address (daemon and Raft ports). */
public final class FreePorts {

    private FreePorts() {
    }

    public static int pairFreeOn(List<InetAddress> addresses) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (addresses.stream().allMatch(a -> free(a, port) && free(a, port + 1))) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair found on " + addresses);
    }

    /** Whether {@code port} and {@code port + 1} are free on every address. */
    public static boolean pairFree(List<InetAddress> addresses, int port) {
        return addresses.stream().allMatch(a -> free(a, port) && free(a, port + 1));
    }

    private static boolean free(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
