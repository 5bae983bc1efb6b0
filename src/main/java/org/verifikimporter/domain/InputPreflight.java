package org.verifikimporter.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Looks at a whole input file before any row is read or sent, and either says how to read it (character
 * set, byte-order mark, delimiter) or rejects it with a reason a person can act on.
 *
 * <ul>
 *   <li>Character set: a UTF-8, UTF-16LE or UTF-16BE byte-order mark decides; without one the file must
 *       be valid UTF-8 from start to end, otherwise it is read as Windows-1252 (what Excel writes on a
 *       Western European Windows; a superset of ISO-8859-1's printable characters).</li>
 *   <li>Binary content (NUL bytes, the signature of a ZIP/xlsx, xls, PDF, gzip or image) is rejected.</li>
 *   <li>Empty (no visible character), larger than the size limit, or a line longer than the line limit:
 *       rejected.</li>
 *   <li>Delimiter: the one of {@code , ; tab |} found most often outside quotes in the header line,
 *       unless configured.</li>
 * </ul>
 */
public final class InputPreflight {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String CANDIDATES = ",;\t|";
    private static final int HEAD = 8192;

    /**
     * @param delimiter null to find it from the header line
     */
    public record Limits(long maxFileSize, int maxLineLength, Character delimiter) {
    }

    /** How to read a file that passed. */
    public record Text(Charset charset, int bomBytes, char delimiter, boolean delimiterFound) {

        /** The file's characters (byte-order mark left out); a byte that cannot be decoded reads as U+FFFD. */
        public Reader open(Path file) throws IOException {
            InputStream in = Files.newInputStream(file);
            try {
                in.skipNBytes(bomBytes);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
        }

        /** For logs: e.g. {@code UTF-8 with BOM, delimiter ';' (found)}. */
        public String describe() {
            return charset.name() + (bomBytes > 0 ? " with BOM" : "") + ", delimiter " + delimiterName(delimiter)
                    + (delimiterFound ? " (found in the header)" : " (configured)");
        }
    }

    private InputPreflight() {
    }

    public static String delimiterName(char d) {
        return d == '\t' ? "tab" : "'" + d + "'";
    }

    /**
     * @throws FileProblem when the file cannot be imported at all
     */
    public static Text check(Path file, Limits limits) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw empty();
        }
        if (size > limits.maxFileSize()) {
            throw new FileProblem("the file is " + size(size) + ", more than importer.max-file-size ("
                    + size(limits.maxFileSize()) + "): split it into smaller files, or raise importer.max-file-size");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        Charset charset = StandardCharsets.UTF_8;
        int bom = 0;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            bom = 3;
        } else if (startsWith(head, 0xFF, 0xFE, 0x00, 0x00) || startsWith(head, 0x00, 0x00, 0xFE, 0xFF)) {
            throw new FileProblem("the file is UTF-32 text, which the importer does not read: save it as "
                    + "CSV UTF-8 (or UTF-16) and drop it again");
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else {
            String binary = binaryKind(head);
            if (binary != null) {
                throw new FileProblem(binary);
            }
        }
        Scan scan = scan(file, charset, bom, true, limits.maxLineLength());
        // a file cut off in the middle of its last character (a truncated upload) keeps its character set:
        // the last row shows the cut (MALFORMED_ROW), the rest is read as it is
        if (scan.malformedAt >= 0 && scan.malformedEnd < size) {
            if (bom > 0) {
                throw new FileProblem("the file starts with a " + charset.name() + " byte-order mark, but byte "
                        + scan.malformedAt + " is not valid " + charset.name() + " (two files glued together?): save "
                        + "it again as CSV UTF-8 and drop it again");
            }
            // not UTF-8: an 8-bit Windows/Latin-1 export, as Excel writes "CSV (Comma delimited)"
            charset = WINDOWS_1252;
            scan = scan(file, charset, 0, false, limits.maxLineLength());
        }
        if (scan.nul) {
            throw new FileProblem("the file contains NUL characters, so it is not a text file: is it really a "
                    + "CSV export? Export the data again as CSV UTF-8 and drop that file");
        }
        if (!scan.content) {
            throw empty();
        }
        if (scan.sampled > 0 && scan.controls * 50 > scan.sampled) {
            throw new FileProblem("the file is mostly unreadable control characters, so it is not a CSV text "
                    + "file: export the data again as CSV UTF-8 and drop that file");
        }
        if (scan.longLine > 0) {
            throw new FileProblem("line " + scan.longLine + " is longer than importer.max-line-length ("
                    + limits.maxLineLength() + " characters): check that the file really is a CSV export with "
                    + "one person per line, or raise importer.max-line-length");
        }
        if (limits.delimiter() != null) {
            return new Text(charset, bom, limits.delimiter(), false);
        }
        return new Text(charset, bom, findDelimiter(scan.firstLine.toString()), true);
    }

    private static FileProblem empty() {
        return new FileProblem("the file is empty: it needs a header line naming the columns, then one row per person");
    }

    /** The candidate seen most often outside quotes; ties go to the earlier of , ; tab |; none: comma. */
    static char findDelimiter(String headerLine) {
        int[] counts = new int[CANDIDATES.length()];
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                int k = CANDIDATES.indexOf(c);
                if (k >= 0) {
                    counts[k]++;
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES.charAt(best);
    }

    /** What a file that is not text at all most likely is, from its first bytes; null when it may be text. */
    static String binaryKind(byte[] head) {
        String renamed = " renamed to .csv";
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            String text = new String(head, StandardCharsets.ISO_8859_1);
            if (text.contains("[Content_Types].xml") || text.contains("xl/")) {
                return "the file is an Excel workbook (.xlsx)" + renamed + ", not a CSV file: open it in Excel, "
                        + "choose File > Save As > \"CSV UTF-8 (Comma delimited)\", and drop that file";
            }
            if (text.contains("opendocument")) {
                return "the file is an OpenDocument spreadsheet (.ods)" + renamed + ", not a CSV file: open it "
                        + "and save it as \"Text CSV\" (UTF-8), then drop that file";
            }
            return "the file is a ZIP archive" + renamed + ", not a CSV file: unzip it and drop the CSV file(s) "
                    + "inside";
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "the file is an old Excel workbook (.xls)" + renamed + ", not a CSV file: open it in Excel, "
                    + "choose File > Save As > \"CSV UTF-8 (Comma delimited)\", and drop that file";
        }
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            return "the file is a PDF document" + renamed + ", not a CSV file: export the list as CSV instead";
        }
        if (startsWith(head, 0x1F, 0x8B)) {
            return "the file is a gzip-compressed file" + renamed + ": decompress it and drop the CSV file inside";
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G') || startsWith(head, 0xFF, 0xD8, 0xFF)
                || startsWith(head, 'G', 'I', 'F', '8')) {
            return "the file is an image" + renamed + ", not a CSV file";
        }
        int zeros = 0;
        int zerosEven = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                zeros++;
                if (i % 2 == 0) {
                    zerosEven++;
                }
            }
        }
        if (zeros == 0) {
            return null;
        }
        boolean utf16 = head.length >= 8 && zeros * 3 >= head.length
                && (zerosEven * 10 >= zeros * 9 || zerosEven * 10 <= zeros);
        if (utf16) {
            return "the file looks like UTF-16 text without a byte-order mark, which cannot be read safely: save it "
                    + "as CSV UTF-8 (or as UTF-16 with a byte-order mark) and drop it again";
        }
        return "the file contains binary data (NUL bytes), not text: is it really a CSV export? Export the data "
                + "again as CSV UTF-8 and drop that file";
    }

    private static boolean startsWith(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != (signature[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    static String size(long bytes) {
        if (bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + " GB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024)).replace(".0 ", " ");
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0).replace(".0 ", " ");
        }
        return bytes + " bytes";
    }

    private static final class Scan {
        long malformedAt = -1;
        /** Just after the malformed bytes: the file's size when they are a character cut off by its end. */
        long malformedEnd = -1;
        boolean nul;
        boolean content;
        long controls;
        long sampled;
        long longLine;
        final StringBuilder firstLine = new StringBuilder();
        boolean firstLineDone;
        long line = 1;
        long lineLength;
        boolean afterCr;

        /** @return false to stop scanning */
        boolean visit(CharBuffer chars, int maxLineLength) {
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
                if (sampled < HEAD) {
                    sampled++;
                    if ((c < 0x20 && c != '\t' && c != '\f') || c == 0x7F) {
                        controls++;
                    }
                }
            }
            return true;
        }
    }

    private static Scan scan(Path file, Charset charset, int bom, boolean strict, int maxLineLength) throws IOException {
        CodingErrorAction action = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
        Scan scan = new Scan();
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
}
