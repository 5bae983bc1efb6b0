package org.verifikimporter.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.simulator.ProjectCatalog;

/**
 * A CSV file to start from: a header with every API field, in the order they are sent, and one example row
 * that passes every rule, for the simulator's demo project (so {@code validate} and the demo accept it as it
 * is). Written like the reports (UTF-8 with a byte-order mark, for Excel) and, like the retry file, under a
 * name the inbox ignores first, then renamed, so a poller never reads half of it.
 */
public final class TemplateFile {

    /** The file exists and {@code force} is off. */
    public static final class Exists extends IOException {
        Exists(Path file) {
            super(file + " exists already; pick another name, or add --force to replace it");
        }
    }

    private TemplateFile() {
    }

    public static List<String> header() {
        return Arrays.stream(ApiField.values()).map(ApiField::jsonName).toList();
    }

    /**
     * No email goes out for it (sendViaEmail false) even if it is imported by mistake: its addresses are
     * example.com's, and its ids the simulator's. The expiry is 30 days ahead, so it is always in the future.
     */
    public static List<String> example(Instant now) {
        Map<ApiField, String> row = new EnumMap<>(ApiField.class);
        row.put(ApiField.PROJECT, ProjectCatalog.DEMO_PROJECT_1);
        row.put(ApiField.PROJECT_FLOW, ProjectCatalog.DEMO_FLOW_ONBOARDING);
        row.put(ApiField.IDENTIFIER, "ana.garcia@example.com");
        row.put(ApiField.TYPE, "onboarding");
        row.put(ApiField.EXPIRES_AT, now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(30).atTime(23, 59, 59)
                .toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
        row.put(ApiField.REDIRECT_URL, "https://example.com/welcome");
        row.put(ApiField.WEBHOOK_URL, "https://example.com/webhooks/verifik");
        row.put(ApiField.REQUIRES_2FA, "false");
        row.put(ApiField.IP_ADDRESS, "203.0.113.10");
        row.put(ApiField.SEND_VIA_EMAIL, "false");
        row.put(ApiField.EMAIL, "ana.garcia@example.com");
        row.put(ApiField.LANGUAGE, "es");
        return Arrays.stream(ApiField.values()).map(row::get).toList();
    }

    /**
     * @throws Exists when the file is there and {@code force} is off
     * @throws NoSuchFileException when its folder does not exist
     */
    public static void write(Path file, boolean force, Instant now) throws IOException {
        if (!force && Files.exists(file)) {
            throw new Exists(file);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "the folder does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT)) {
                w.write("\uFEFF");
                printer.printRecord(header());
                printer.printRecord(example(now));
            }
            try {
                if (force) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    // without REPLACE_EXISTING a file that appeared meanwhile is kept
                    Files.move(tmp, file);
                }
            } catch (FileAlreadyExistsException e) {
                throw new Exists(file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
