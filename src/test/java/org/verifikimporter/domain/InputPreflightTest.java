package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPreflightTest {

    static final InputPreflight.Limits LIMITS = new InputPreflight.Limits(1024 * 1024, 1000, null);

    @TempDir
    Path tmp;

    Path file(byte[] bytes) throws IOException {
        Path f = tmp.resolve("f.csv");
        Files.write(f, bytes);
        return f;
    }

    static byte[] bytes(String text, Charset cs, int... bom) {
        byte[] body = text.getBytes(cs);
        byte[] all = new byte[bom.length + body.length];
        for (int i = 0; i < bom.length; i++) {
            all[i] = (byte) bom[i];
        }
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    static String read(InputPreflight.Text text, Path f) throws IOException {
        try (Reader r = text.open(f)) {
            StringBuilder sb = new StringBuilder();
            r.transferTo(new java.io.Writer() {
                public void write(char[] c, int o, int l) {
                    sb.append(c, o, l);
                }

                public void flush() {
                }

                public void close() {
                }
            });
            return sb.toString();
        }
    }

    @Test
    void utf8WithAndWithoutBom() throws IOException {
        Path f = file(bytes("identifier,notes\nx,José\n", StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF));
        InputPreflight.Text t = InputPreflight.check(f, LIMITS);
        assertThat(t.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(read(t, f)).isEqualTo("identifier,notes\nx,José\n");
        f = file(bytes("identifier,notes\nx,José\n", StandardCharsets.UTF_8));
        assertThat(read(InputPreflight.check(f, LIMITS), f)).isEqualTo("identifier,notes\nx,José\n");
    }

    @Test
    void utf16WithBomBothOrders() throws IOException {
        Path f = file(bytes("identifier\tnotes\r\nx\tÑandú\r\n", StandardCharsets.UTF_16LE, 0xFF, 0xFE));
        InputPreflight.Text t = InputPreflight.check(f, LIMITS);
        assertThat(t.charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(t.delimiter()).isEqualTo('\t');
        assertThat(read(t, f)).isEqualTo("identifier\tnotes\r\nx\tÑandú\r\n");
        f = file(bytes("a,b\n1,ü\n", StandardCharsets.UTF_16BE, 0xFE, 0xFF));
        assertThat(read(InputPreflight.check(f, LIMITS), f)).isEqualTo("a,b\n1,ü\n");
    }

    @Test
    void notUtf8IsReadAsWindows1252() throws IOException {
        Path f = file(bytes("identifier;nombre\r\nx;José Muñoz €\r\n", InputPreflight.WINDOWS_1252));
        InputPreflight.Text t = InputPreflight.check(f, LIMITS);
        assertThat(t.charset()).isEqualTo(InputPreflight.WINDOWS_1252);
        assertThat(t.delimiter()).isEqualTo(';');
        assertThat(read(t, f)).contains("José Muñoz €");
    }

    @Test
    void windows1252WhoseOnlyAccentIsOnTheLastLineIsStillWindows1252() throws IOException {
        Path f = file(bytes("identifier,name\r\nx,José\r\n", InputPreflight.WINDOWS_1252));
        InputPreflight.Text t = InputPreflight.check(f, LIMITS);
        assertThat(t.charset()).isEqualTo(InputPreflight.WINDOWS_1252);
        assertThat(read(t, f)).endsWith("José\r\n");
    }

    @Test
    void utf8CutInsideItsLastCharacterStaysUtf8() throws IOException {
        byte[] whole = "a,b\nJosé,€".getBytes(StandardCharsets.UTF_8);
        Path f = file(java.util.Arrays.copyOf(whole, whole.length - 1));  // 2 of the 3 bytes of the euro sign
        InputPreflight.Text t = InputPreflight.check(f, LIMITS);
        assertThat(t.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(read(t, f)).startsWith("a,b\nJosé,").endsWith("\uFFFD");
    }

    @Test
    void delimiterFromTheHeaderLineOrConfigured() throws IOException {
        assertThat(HeaderDelimiter.find("a,b;c,d")).isEqualTo(',');
        assertThat(HeaderDelimiter.find("a;b;c")).isEqualTo(';');
        assertThat(HeaderDelimiter.find("\"a;b\",c")).isEqualTo(',');
        assertThat(HeaderDelimiter.find("a|b|c")).isEqualTo('|');
        assertThat(HeaderDelimiter.find("identifier")).isEqualTo(',');
        Path f = file(bytes("a;b\n", StandardCharsets.UTF_8));
        assertThat(InputPreflight.check(f, new InputPreflight.Limits(1024, 1000, ',')).delimiter()).isEqualTo(',');
    }

    @Test
    void rejects() throws IOException {
        assertReject(new byte[0], "the file is empty");
        assertReject(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\r', '\n', ' '}, "the file is empty");
        assertReject(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0}, "ZIP archive renamed to .csv");
        assertReject(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1, 0}, "old Excel workbook (.xls)");
        assertReject("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "PDF document");
        assertReject(new byte[] {'a', ',', 'b', '\n', 0, 1, 2, 3, 'x'}, "binary data (NUL bytes)");
        assertReject("identifier,type\nx,login\n".getBytes(StandardCharsets.UTF_16LE), "UTF-16 text without a byte-order mark");
        assertReject(bytes("a,b\nJosé,1\nAna,2\n", InputPreflight.WINDOWS_1252, 0xEF, 0xBB, 0xBF), "is not valid UTF-8");
        assertReject(("a,b\n" + "x".repeat(1001) + "\n").getBytes(StandardCharsets.US_ASCII),
                "line 2 is longer than importer.max-line-length (1000 characters)");
        Path f = file(new byte[2000]);
        assertThatThrownBy(() -> InputPreflight.check(f, new InputPreflight.Limits(1000, 1000, null)))
                .isInstanceOf(FileProblem.class).hasMessageContaining("the file is 2 KB, more than importer.max-file-size (1000 bytes)");
    }

    void assertReject(byte[] content, String reason) throws IOException {
        Path f = file(content);
        assertThatThrownBy(() -> InputPreflight.check(f, LIMITS)).as(reason).isInstanceOf(FileProblem.class)
                .hasMessageContaining(reason);
    }
}
