package org.verifikimporter.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One pass over a whole file's characters, without keeping them: where decoding fails, whether it holds
 * any visible character, NUL or mostly control characters, the first line longer than the limit, and the
 * header line. It stops at the first NUL or over-long line, since either rejects the file.
 */
final class LineScan {

    /** Control characters are counted in the first characters only: enough to tell a binary file. */
    private static final int SAMPLE = 8192;

    /** Where the bytes that do not decode begin; -1 when all do (or the scan was not strict). */
    long malformedAt = -1;
    /** Just after the malformed bytes: the file's size when they are a character cut off by its end. */
    long malformedEnd = -1;
    boolean nul;
    boolean content;
    long controls;
    long sampled;
    /** The number of the first line over the limit; 0 when there is none. */
    long longLine;
    final StringBuilder firstLine = new StringBuilder();
    private boolean firstLineDone;
    private long line = 1;
    private long lineLength;
    private boolean afterCr;

    private LineScan() {
    }

    /**
     * @param strict stop at the first byte that does not decode (else it reads as U+FFFD)
     */
    static LineScan of(Path file, Charset charset, int bom, boolean strict, int maxLineLength) throws IOException {
        CodingErrorAction action = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
        LineScan scan = new LineScan();
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        long consumed = bom;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(bom);
            boolean eof = false;
            while (true) {
                if (!eof && bytes.hasRemaining()) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                int before = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, eof);
                consumed += bytes.position() - before;
                if (result.isError()) {
                    chars.flip();
                    scan.visit(chars, maxLineLength);
                    scan.malformedAt = consumed;
                    scan.malformedEnd = consumed + result.length();
                    return scan;
                }
                bytes.compact();
                if (eof && result.isUnderflow()) {
                    decoder.flush(chars);
                }
                chars.flip();
                boolean go = scan.visit(chars, maxLineLength);
                chars.clear();
                if (!go || (eof && result.isUnderflow())) {
                    return scan;
                }
            }
        }
    }

    /** @return false to stop scanning */
    private boolean visit(CharBuffer chars, int maxLineLength) {
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c == '\n' || c == '\r') {
                if (!(c == '\n' && afterCr)) {
                    line++;
                    lineLength = 0;
                    firstLineDone = true;
                }
                afterCr = c == '\r';
                continue;
            }
            afterCr = false;
            if (++lineLength > maxLineLength) {
                longLine = line;
                return false;
            }
            if (!firstLineDone) {
                firstLine.append(c);
            }
            if (c == 0) {
                nul = true;
                return false;
            }
            if (!content && !Character.isWhitespace(c) && c != '\uFEFF') {
                content = true;
            }
            if (sampled < SAMPLE) {
                sampled++;
                if ((c < 0x20 && c != '\t' && c != '\f') || c == 0x7F) {
                    controls++;
                }
            }
        }
        return true;
    }
}
