package org.linuxssi.node.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 network such as {@code 192.168.1.0/24}, and the host part of an address on it. */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Parses {@code a.b.c.d/n}; the message names the text and the expected form. */
    public static Cidr parse(String text) throws ConfigException {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2 || !IPV4.matcher(parts[0]).matches()) {
            throw new ConfigException("'" + text + "' is not a network (expected IPv4 address/prefix, e.g. 192.168.1.0/24)");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 1 || prefix > 31) {
            throw new ConfigException("'" + text + "' has prefix length '" + parts[1] + "' (allowed: 1 to 31)");
        }
        return new Cidr(ipv4(parts[0], text), prefix);
    }

    /** Parses a dotted IPv4 address; the message names the text. */
    public static InetAddress ipv4(String address, String context) throws ConfigException {
        if (!IPV4.matcher(address).matches()) {
            throw new ConfigException("'" + context + "' is not an IPv4 address");
        }
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                throw new ConfigException("'" + context + "' is not an IPv4 address (octet " + octet + " > 255)");
            }
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new ConfigException("'" + context + "' is not an IPv4 address");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 4) {
            return false;
        }
        long mask = mask();
        return (toLong(bytes) & mask) == (toLong(network.getAddress()) & mask);
    }

    /** The host part of an address on this network: 192.168.1.17 on /24 gives 17. */
    public long hostPart(InetAddress address) {
        return toLong(address.getAddress()) & ~mask() & 0xFFFFFFFFL;
    }

    private long mask() {
        return (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    }

    private static long toLong(byte[] bytes) {
        return new BigInteger(1, bytes).longValue();
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
