package org.linuxssi.tools;

/** Rows and columns of a terminal, as stty size prints them. */
public record TerminalSize(int rows, int cols) {
}
