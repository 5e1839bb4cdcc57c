package org.transferworkbench.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The CLI's console: names read from files (layer names, file and class names) are printed with their control
 * characters escaped ({@code \e[2J} as {@code \u001b[2J}), so an untrusted file cannot clear or rewrite the terminal.
 * Line breaks and tabs pass.
 */
final class EscapingWriter extends FilterWriter {

    EscapingWriter(Writer out) {
        super(out);
    }

    static boolean control(int c) {
        return c != '\n' && c != '\r' && c != '\t' && (c < 0x20 || (c >= 0x7f && c < 0xa0));
    }

    @Override
    public void write(int c) throws IOException {
        if (control(c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(buffer[i]);
        }
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(s.charAt(i));
        }
    }
}
