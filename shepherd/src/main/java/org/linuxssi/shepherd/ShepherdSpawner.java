package org.linuxssi.shepherd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The node's resident spawner: one {@code linuxssi-shepherd --serve} started once, asked to start
 * each shepherd over a pipe instead of running the binary per launch (no {@code ProcessBuilder}, no
 * {@code jspawnhelper}, no exec of the shepherd). Requests are {@code ID SPEC} lines, answers
 * {@code ID CODE [MESSAGE]} lines with the exit codes and messages of {@code --spec}; each request
 * has its own id, so any number of threads may launch at once and answers come back in any order.
 *
 * <p>A spawner that died is not restarted here ({@link #isAlive()}, {@link SpawnerGoneException}):
 * its owner decides.
 */
public final class ShepherdSpawner implements ShepherdStarter, AutoCloseable {

    private final Process process;
    private final OutputStream requests;
    private final Duration timeout;
    private final Consumer<String> diagnostics;
    private final Runnable shepherdEnded;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private volatile boolean answersEnded;

    private record Pending(ShepherdStateDir dir, CompletableFuture<Answer> answer) {
    }

    private record Answer(int code, String message) {
    }

    /** The spawner is gone (or never started): the request was not sent, another way may be tried. */
    public static final class SpawnerGoneException extends IOException {
        public SpawnerGoneException(String message) {
            super(message);
        }
    }

    private ShepherdSpawner(Process process, Duration timeout, Consumer<String> diagnostics, Runnable shepherdEnded) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.timeout = timeout;
        this.diagnostics = diagnostics;
        this.shepherdEnded = shepherdEnded;
    }

    /**
     * Starts {@code binary --serve} and waits for its greeting.
     *
     * @param diagnostics   receives the spawner's stderr lines and answers to no request
     * @param shepherdEnded run when the spawner reaped one of its shepherds (whose status is written by then)
     * @throws SpawnerGoneException when it does not start or does not greet within {@code timeout}
     *                              (e.g. a binary older than {@code --serve}); its message says why
     */
    public static ShepherdSpawner start(Path binary, Duration timeout, Consumer<String> diagnostics,
                                        Runnable shepherdEnded) throws SpawnerGoneException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(binary.toString(), "--serve"));
        pb.environment().clear();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new SpawnerGoneException("cannot run " + binary + " --serve: " + e.getMessage());
        }
        ShepherdSpawner spawner = new ShepherdSpawner(process, timeout, diagnostics, shepherdEnded);
        StringBuilder said = new StringBuilder();
        Thread.ofPlatform().daemon().name("spawner-" + process.pid() + "-answers").start(spawner::readAnswers);
        Thread.ofPlatform().daemon().name("spawner-" + process.pid() + "-stderr").start(() -> {
            try (BufferedReader err = reader(process.getErrorStream())) {
                for (String line; (line = err.readLine()) != null; ) {
                    synchronized (said) {
                        said.append(said.isEmpty() ? "" : " ").append(line);
                    }
                    diagnostics.accept(line);
                }
            } catch (IOException e) {
                // the spawner is gone; readAnswers notices
            }
        });
        try {
            spawner.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return spawner;
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String why;
            synchronized (said) {
                why = said.isEmpty() ? (process.isAlive() ? "no greeting within " + timeout.toMillis() + " ms"
                        : "it exited with " + process.exitValue()) : said.toString();
            }
            throw new SpawnerGoneException(binary + " --serve did not start: " + why);
        }
    }

    /** The spawner's pid. */
    public long pid() {
        return process.pid();
    }

    /** False once the spawner has exited or stopped answering. */
    public boolean isAlive() {
        return !answersEnded && process.isAlive();
    }

    @Override
    public ShepherdLauncher.Launched launch(ShepherdSpec spec) throws IOException, InterruptedException {
        ShepherdStateDir dir = new ShepherdStateDir(spec.stateDir());
        Files.writeString(dir.spec(), spec.render(), StandardCharsets.UTF_8);
        String path = dir.spec().toAbsolutePath().toString();
        if (path.indexOf('\n') >= 0) {
            throw new ShepherdLaunchException(ShepherdLaunchException.USAGE, "spec path '" + path
                    + "' holds a line break, which the spawner's requests cannot carry");
        }
        long id = ids.incrementAndGet();
        Pending request = new Pending(dir, new CompletableFuture<>());
        pending.put(id, request);
        try {
            byte[] line = (id + " " + path + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (requests) {
                if (!isAlive()) {
                    throw new SpawnerGoneException("the resident spawner " + pid() + " has exited");
                }
                requests.write(line);
                requests.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            throw e instanceof SpawnerGoneException gone ? gone
                    : new SpawnerGoneException("cannot ask the resident spawner " + pid() + ": " + e.getMessage());
        }
        Answer answer;
        try {
            answer = request.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.remove(id);
            throw new ShepherdLaunchException(-1, "linuxssi-shepherd did not start " + spec.stateDir() + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new ShepherdLaunchException(ShepherdLaunchException.SYSTEM_ERROR, e.getCause().getMessage());
        } catch (InterruptedException e) {
            pending.remove(id);
            throw e;
        }
        if (answer.code() != 0) {
            throw new ShepherdLaunchException(answer.code(), answer.message().isEmpty()
                    ? "linuxssi-shepherd exited with " + answer.code() : answer.message());
        }
        return ShepherdLauncher.Launched.from(dir);
    }

    /**
     * Reads answers until every writer is gone: the spawner and the shepherds it forked (each holds
     * the pipe until it has answered), so an answer sent after the spawner died still arrives.
     */
    private void readAnswers() {
        try (BufferedReader answers = reader(process.getInputStream())) {
            for (String line; (line = answers.readLine()) != null; ) {
                onAnswer(line);
            }
        } catch (IOException e) {
            diagnostics.accept("reading the spawner's answers failed: " + e.getMessage());
        } finally {
            answersEnded = true;
            ready.completeExceptionally(new IOException("the spawner exited"));
            pending.forEach((id, request) -> {
                pending.remove(id);
                unanswered(request);
            });
        }
    }

    private void onAnswer(String line) {
        int space = line.indexOf(' ');
        if (space <= 0) {
            diagnostics.accept("unreadable answer from the spawner: " + line);
            return;
        }
        long id;
        try {
            id = Long.parseLong(line.substring(0, space));
        } catch (NumberFormatException e) {
            diagnostics.accept("unreadable answer from the spawner: " + line);
            return;
        }
        String rest = line.substring(space + 1);
        if (id == 0) {
            if (rest.startsWith("ready")) {
                ready.complete(rest);
            } else if (rest.startsWith("ended ")) {
                shepherdEnded.run();
            } else {
                diagnostics.accept(rest);
            }
            return;
        }
        int codeEnd = rest.indexOf(' ');
        int code;
        try {
            code = Integer.parseInt(codeEnd < 0 ? rest : rest.substring(0, codeEnd));
        } catch (NumberFormatException e) {
            diagnostics.accept("unreadable answer from the spawner: " + line);
            return;
        }
        Pending request = pending.remove(id);
        if (request == null) {
            // e.g. the spawner's word on a shepherd killed after it had answered, or after a timeout
            diagnostics.accept(rest.substring(codeEnd < 0 ? rest.length() : codeEnd + 1) + " (request " + id
                    + ", answered before)");
            return;
        }
        request.answer().complete(new Answer(code, codeEnd < 0 ? "" : rest.substring(codeEnd + 1)));
    }

    /**
     * The pipe ended without an answer: no shepherd will write any more. One may still have started
     * the program and died before answering: {@code child} tells.
     */
    private static void unanswered(Pending request) {
        try {
            if (request.dir().readPid().isPresent() && request.dir().readChild().isPresent()) {
                request.answer().complete(new Answer(0, ""));
                return;
            }
        } catch (IOException e) {
            // not started, as far as anyone can tell
        }
        request.answer().completeExceptionally(new IOException(
                "linuxssi-shepherd: the resident spawner ended before starting " + request.dir().dir()));
    }

    /** Closes the request pipe, which ends the spawner; shepherds it started live on. */
    @Override
    public void close() {
        try {
            synchronized (requests) {
                requests.close();
            }
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static BufferedReader reader(java.io.InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
