package org.ggf.drmaa;

import java.io.Serializable;

/**
 * Which of a job's standard streams are files to transfer between the submit
 * and execution hosts: for each stream set to true, the job template's matching
 * path names the file's source (input) or destination (output, error).
 */
public class FileTransferMode implements Serializable, Cloneable {
    private static final long serialVersionUID = 1L;

    private boolean inputStream;
    private boolean outputStream;
    private boolean errorStream;

    /** Creates a mode that transfers no stream. */
    public FileTransferMode() {
    }

    /**
     * Creates a mode with each stream's transfer given.
     * @param inputStream whether to transfer the input file
     * @param outputStream whether to transfer the output file
     * @param errorStream whether to transfer the error file
     */
    public FileTransferMode(boolean inputStream, boolean outputStream, boolean errorStream) {
        this.inputStream = inputStream;
        this.outputStream = outputStream;
        this.errorStream = errorStream;
    }

    /**
     * Sets whether the input file is transferred.
     * @param inputStream true to transfer it
     */
    public void setInputStream(boolean inputStream) {
        this.inputStream = inputStream;
    }

    /**
     * Returns whether the input file is transferred.
     * @return true if it is transferred
     */
    public boolean getInputStream() {
        return inputStream;
    }

    /**
     * Sets whether the output file is transferred.
     * @param outputStream true to transfer it
     */
    public void setOutputStream(boolean outputStream) {
        this.outputStream = outputStream;
    }

    /**
     * Returns whether the output file is transferred.
     * @return true if it is transferred
     */
    public boolean getOutputStream() {
        return outputStream;
    }

    /**
     * Sets whether the error file is transferred.
     * @param errorStream true to transfer it
     */
    public void setErrorStream(boolean errorStream) {
        this.errorStream = errorStream;
    }

    /**
     * Returns whether the error file is transferred.
     * @return true if it is transferred
     */
    public boolean getErrorStream() {
        return errorStream;
    }

    /**
     * Two modes are equal when they transfer the same streams.
     * @param obj the object to compare with
     * @return whether obj is a FileTransferMode with the same settings
     */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof FileTransferMode other
                && other.inputStream == inputStream
                && other.outputStream == outputStream
                && other.errorStream == errorStream;
    }

    /**
     * Returns a hash code consistent with {@link #equals}.
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return (inputStream ? 1 : 0) | (outputStream ? 2 : 0) | (errorStream ? 4 : 0);
    }

    /**
     * Returns a copy of this mode.
     * @return the copy
     */
    @Override
    public Object clone() {
        try {
            return super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("FileTransferMode is Cloneable", e);
        }
    }

    /**
     * Lists the transferred streams, for example {@code input, error}; empty when none is.
     * @return the transferred streams, comma-separated
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendIf(out, inputStream, "input");
        appendIf(out, outputStream, "output");
        appendIf(out, errorStream, "error");
        return out.toString();
    }

    private static void appendIf(StringBuilder out, boolean set, String name) {
        if (set) {
            out.append(out.isEmpty() ? "" : ", ").append(name);
        }
    }
}
