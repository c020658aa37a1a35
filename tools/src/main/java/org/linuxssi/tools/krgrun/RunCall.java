package org.linuxssi.tools.krgrun;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;

/**
 * One Processes.Run call with manual flow control on the outputs: the daemon may send one output
 * at a time, and the next only after {@link #requestNext} (called once the previous one is written),
 * so a slow reader of krgrun's stdout slows the program down instead of filling krgrun's memory.
 */
final class RunCall implements ClientResponseObserver<RunInput, RunOutput> {

    /** What the daemon sent: an output, or the end of the call ({@code error} null when it ended normally). */
    sealed interface Event {
        record Output(RunOutput output) implements Event {
        }

        record Ended(Throwable error) implements Event {
        }
    }

    // Bounded in practice: at most one requested output plus the end of the call.
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private ClientCallStreamObserver<RunInput> inputs;
    private RunInputSender sender;

    private RunCall() {
    }

    /** Opens the call; nothing is sent until the first input. */
    static RunCall open(Channel channel) {
        RunCall call = new RunCall();
        ProcessesGrpc.newStub(channel).run(call);
        return call;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<RunInput> stream) {
        inputs = stream;
        sender = new RunInputSender(stream);
        stream.disableAutoRequestWithInitial(1);
        stream.setOnReadyHandler(sender::onReady);
    }

    RunInputSender sender() {
        return sender;
    }

    /** The next output or the end of the call, waiting for it. */
    Event next() throws InterruptedException {
        return events.take();
    }

    /** Lets the daemon send one more output. */
    void requestNext() {
        inputs.request(1);
    }

    /** Abandons the call, e.g. when krgrun is interrupted. */
    void cancel(String why) {
        inputs.cancel(why, null);
    }

    @Override
    public void onNext(RunOutput output) {
        events.add(new Event.Output(output));
    }

    @Override
    public void onError(Throwable error) {
        sender.ended();
        events.add(new Event.Ended(error));
    }

    @Override
    public void onCompleted() {
        sender.ended();
        events.add(new Event.Ended(null));
    }
}
