package org.linuxssi.node.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The IPv4 addresses this machine has now; an interface, so tests can make addresses appear. */
public interface AddressSource {

    List<InetAddress> addresses();

    /** True when a socket can be bound to the address (it is configured on this machine). */
    boolean canBind(InetAddress address);

    /** The machine's real interfaces. */
    static AddressSource system() {
        return new AddressSource() {
            @Override
            public List<InetAddress> addresses() {
                List<InetAddress> found = new ArrayList<>();
                try {
                    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                        if (nic.isUp()) {
                            found.addAll(Collections.list(nic.getInetAddresses()));
                        }
                    }
                } catch (SocketException e) {
                    return List.of();
                }
                return found;
            }

            @Override
            public boolean canBind(InetAddress address) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(address, 0));
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
        };
    }
}
