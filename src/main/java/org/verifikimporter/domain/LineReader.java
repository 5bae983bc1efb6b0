package org.verifikimporter.domain;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The physical lines of a text, numbered from 1, each with the terminator that ended it: a record whose
 * quoted cell spans lines is put together again with the very line breaks the file had.
 */
final class LineReader implements Closeable {

    /** @param terminator {@code \r\n}, {@code \n}, {@code \r}, or empty for a last line without one */
    record Line(long number, String text, String terminator) {
    }

    private final Reader in;
    private final char[] buffer = new char[16 * 1024];
    private int bufferPos;
    private int bufferEnd;
    private boolean eof;
    private long nextLine = 1;

    LineReader(Reader in) {
        this.in = in;
    }

    /** @return null at the end of the text */
    Line next() throws IOException {
        StringBuilder text = null;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) {
                if (text == null) {
                    return null;
                }
                return new Line(nextLine++, text.toString(), "");
            }
            int start = bufferPos;
            while (bufferPos < bufferEnd) {
                char c = buffer[bufferPos];
                if (c == '\n' || c == '\r') {
                    String part = new String(buffer, start, bufferPos - start);
                    String line = text == null ? part : text.append(part).toString();
                    bufferPos++;
                    String terminator = String.valueOf(c);
                    if (c == '\r') {
                        if (bufferPos == bufferEnd) {
                            fill();
                        }
                        if (bufferPos < bufferEnd && buffer[bufferPos] == '\n') {
                            bufferPos++;
                            terminator = "\r\n";
                        }
                    }
                    return new Line(nextLine++, line, terminator);
                }
                bufferPos++;
            }
            if (text == null) {
                text = new StringBuilder();
            }
            text.append(buffer, start, bufferPos - start);
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            bufferPos = 0;
            bufferEnd = 0;
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
