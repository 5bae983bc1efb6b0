package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** The reader's buffer holds 16 Ki characters; these texts straddle it. */
    static final int BUFFER = 16 * 1024;

    static List<LineReader.Line> lines(String text) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new StringReader(text))) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void aCrlfSplitBetweenTwoReadsIsOneLineBreak() throws IOException {
        String first = "x".repeat(BUFFER - 1);
        assertThat(lines(first + "\r\ny")).containsExactly(
                new LineReader.Line(1, first, "\r\n"), new LineReader.Line(2, "y", ""));
    }

    @Test
    void aLineLongerThanTheBufferComesBackWhole() throws IOException {
        String longLine = "abc,".repeat(BUFFER);
        assertThat(lines(longLine + "\n\rz\r")).containsExactly(
                new LineReader.Line(1, longLine, "\n"), new LineReader.Line(2, "", "\r"),
                new LineReader.Line(3, "z", "\r"));
    }
}
