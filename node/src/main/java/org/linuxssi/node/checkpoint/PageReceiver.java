package org.linuxssi.node.checkpoint;

import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.PagesReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's half of a streamed dump: one criu page server per incoming migration, started before
 * the program stops (so its start-up is not part of the freeze) and writing the pages straight into
 * the images folder of a fresh state directory, which the Restore naming its token then completes.
 * The pages are never written on the source, read back, nor carried through gRPC.
 */
public final class PageReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(PageReceiver.class);
    private static final long START_SECONDS = 60;
    /** A dump that succeeded has closed its connection: its page server ends at once. */
    private static final long END_SECONDS = 30;
    /** Prepared folders nobody claimed or released (the source died) are dropped after this. */
    private static final Duration UNCLAIMED = Duration.ofMinutes(15);
    private static final int PORT_ATTEMPTS = 3;

    private record Prepared(Path dir, Process server, long since) {
    }

    private final int nodeId;
    private final String host;
    private final CriuStatus criu;
    private final ProcessRestorer restorer;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    public PageReceiver(int nodeId, String host, CriuStatus criu, ProcessRestorer restorer) {
        this.nodeId = nodeId;
        this.host = host;
        this.criu = criu;
        this.restorer = restorer;
    }

    /** Starts a page server for the process {@code gpid}; answers once it listens. */
    public PagesReply prepare(long gpid) {
        dropUnclaimed();
        Criu binary = criu.criu().orElseThrow(() -> DaemonError.of(Status.Code.FAILED_PRECONDITION, "node " + nodeId
                + " cannot restore processes: " + criu.summary()));
        Path dir;
        try {
            dir = restorer.newStateDir();
        } catch (IOException e) {
            throw DaemonError.of(Status.Code.INTERNAL, "cannot prepare the images of process " + gpid + " on node "
                    + nodeId + ": " + e.getMessage());
        }
        String why = "";
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port;
            try {
                port = freePort();
            } catch (IOException e) {
                why = "no free port on " + host + ": " + e.getMessage();
                continue;
            }
            Path log = dir.resolve("page-server.log");
            try {
                Process server = binary.start(List.of("page-server", "-D", restorer.images(dir).toString(),
                        "--address", host, "--port", Integer.toString(port), "--status-fd", "1",
                        "-o", log.toString(), "-v2"));
                if (awaitListening(server)) {
                    String token = dir.getFileName().toString();
                    prepared.put(token, new Prepared(dir, server, System.nanoTime()));
                    return PagesReply.newBuilder().setToken(token).setAddress(host).setPort(port).build();
                }
                server.destroyForcibly();
                why = CriuLog.firstError(log).orElse("criu page-server ended at once");
            } catch (IOException e) {
                why = "cannot run criu page-server: " + e.getMessage();
            }
        }
        restorer.discard(dir);
        throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "node " + nodeId + " cannot receive the pages of "
                + "process " + gpid + ": " + why);
    }

    /**
     * The state directory prepared under {@code token}, once its page server has ended (the dump that
     * fed it succeeded, so it has every page); refused when there is no such token or the server hangs.
     */
    public Path claim(String token) throws IOException {
        Prepared p = prepared.remove(token);
        if (p == null) {
            throw new IOException("no pages were prepared here under '" + token + "'");
        }
        try {
            if (!p.server().waitFor(END_SECONDS, TimeUnit.SECONDS)) {
                p.server().destroyForcibly();
                restorer.discard(p.dir());
                throw new IOException("criu page-server still runs " + END_SECONDS + " s after the dump ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.server().destroyForcibly();
            restorer.discard(p.dir());
            throw new IOException("interrupted while waiting for the pages");
        }
        if (p.server().exitValue() != 0) {
            String why = CriuLog.firstError(p.dir().resolve("page-server.log")).orElse("exit " + p.server().exitValue());
            restorer.discard(p.dir());
            throw new IOException("criu page-server failed: " + why);
        }
        return p.dir();
    }

    /** The dump that was to fill {@code token} failed: stop its page server, drop its folder. */
    public void release(String token) {
        Prepared p = prepared.remove(token);
        if (p != null) {
            drop(p);
        }
    }

    private void dropUnclaimed() {
        long now = System.nanoTime();
        prepared.forEach((token, p) -> {
            if (now - p.since() > UNCLAIMED.toNanos() && prepared.remove(token, p)) {
                LOG.warn("dropping the pages prepared {} ago as {}: no restore came for them", UNCLAIMED, token);
                drop(p);
            }
        });
    }

    private void drop(Prepared p) {
        p.server().destroyForcibly();
        try {
            p.server().waitFor(END_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        restorer.discard(p.dir());
    }

    /** criu writes one zero byte to its status fd once the server listens, and nothing if it fails. */
    private static boolean awaitListening(Process server) throws IOException {
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = server.getInputStream()) {
                return in.read();
            } catch (IOException e) {
                return -1;
            }
        }, runnable -> Thread.ofVirtual().start(runnable));
        try {
            return status.get(START_SECONDS, TimeUnit.SECONDS) == 0;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting criu page-server");
        }
    }

    private int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }
}
