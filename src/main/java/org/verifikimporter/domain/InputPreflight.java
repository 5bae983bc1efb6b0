package org.verifikimporter.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
 * The first bytes are judged by {@link FileHead}, the decoded characters by {@link LineScan}, the header
 * line by {@link HeaderDelimiter}; this class runs them in order and words what the scan found as the
 * reason a person reads.
 */
public final class InputPreflight {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

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
        FileHead.Encoding encoding = FileHead.encoding(FileHead.read(file));
        Charset charset = encoding.charset();
        int bom = encoding.bomBytes();
        LineScan scan = LineScan.of(file, charset, bom, true, limits.maxLineLength());
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
            scan = LineScan.of(file, charset, 0, false, limits.maxLineLength());
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
        return new Text(charset, bom, HeaderDelimiter.find(scan.firstLine.toString()), true);
    }

    private static FileProblem empty() {
        return new FileProblem("the file is empty: it needs a header line naming the columns, then one row per person");
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
}
