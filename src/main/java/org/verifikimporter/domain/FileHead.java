package org.verifikimporter.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file's first bytes say before anything is decoded: the character set its byte-order mark names,
 * or that it is not a text file at all (a workbook, an archive, a PDF, an image, UTF-16 without a mark).
 */
final class FileHead {

    /** How much of the file the signatures are looked for in. */
    static final int SIZE = 8192;

    /** A file without a byte-order mark is UTF-8 until the whole file has been decoded. */
    record Encoding(Charset charset, int bomBytes) {
    }

    private FileHead() {
    }

    static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SIZE);
        }
    }

    /**
     * @throws FileProblem for UTF-32 text, and for binary content when there is no byte-order mark
     */
    static Encoding encoding(byte[] head) {
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return new Encoding(StandardCharsets.UTF_8, 3);
        }
        if (startsWith(head, 0xFF, 0xFE, 0x00, 0x00) || startsWith(head, 0x00, 0x00, 0xFE, 0xFF)) {
            throw new FileProblem("the file is UTF-32 text, which the importer does not read: save it as "
                    + "CSV UTF-8 (or UTF-16) and drop it again");
        }
        if (startsWith(head, 0xFF, 0xFE)) {
            return new Encoding(StandardCharsets.UTF_16LE, 2);
        }
        if (startsWith(head, 0xFE, 0xFF)) {
            return new Encoding(StandardCharsets.UTF_16BE, 2);
        }
        String binary = binaryKind(head);
        if (binary != null) {
            throw new FileProblem(binary);
        }
        return new Encoding(StandardCharsets.UTF_8, 0);
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
}
