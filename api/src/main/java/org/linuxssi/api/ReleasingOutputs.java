package org.linuxssi.api;

import org.linuxssi.api.v1.RunOutput;

/**
 * A tool's output stream that may write an output after {@code onNext} has returned (the light
 * framing writes the bytes as they are, on its connection's event loop): it runs {@code release} once
 * it no longer needs them, so that a relaying daemon can pass on bytes it does not own (views of its
 * transport's buffers) and give them back after the write. {@code release} runs exactly once, also
 * when the output is not written (the tool went away) or {@code onNext} throws.
 */
public interface ReleasingOutputs {

    void onNext(RunOutput output, Runnable release);
}
