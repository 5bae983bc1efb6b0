package org.verifikimporter.camel.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.verifikimporter.domain.CsvRecordReader;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.domain.InputPreflight;
import org.verifikimporter.job.RowCounter;

/**
 * A file without a broken record is read by camel-csv, one with a broken record by CsvRecordReader:
 * for every file of the corpus the pre-count calls clean, both must give the same rows, cell for cell.
 */
class CsvReadersAgreeTest {

    static final InputPreflight.Limits LIMITS = new InputPreflight.Limits(100L << 20, 65536, null);

    @Test
    void camelCsvAndTheRecoveringReaderGiveTheSameRowsForEveryCleanCorpusFile() throws Exception {
        List<String> compared = new ArrayList<>();
        List<String> recovering = new ArrayList<>();
        try (CamelContext camel = new DefaultCamelContext(); Stream<Path> files = Files.list(Path.of("src/test/resources/corpus"))) {
            camel.start();
            for (Path file : files.sorted().toList()) {
                InputPreflight.Text text;
                try {
                    text = InputPreflight.check(file, LIMITS);
                } catch (FileProblem rejected) {
                    continue;
                }
                RowCounter.Count count = RowCounter.scan(text.open(file), text.delimiter(), LIMITS.maxLineLength());
                if (!count.clean()) {
                    recovering.add(file.getFileName().toString());
                    continue;
                }
                List<CsvRow> expected = new ArrayList<>();
                try (CsvRecordReader reader = new CsvRecordReader(text.open(file), text.delimiter(), LIMITS.maxLineLength())) {
                    reader.forEachRemaining(expected::add);
                }
                assertThat(camelCsv(camel, text, file)).as(file.getFileName().toString()).isEqualTo(expected);
                compared.add(file.getFileName().toString());
            }
        }
        // both paths are exercised by the corpus
        assertThat(compared).contains("good.csv", "excel-semicolon-windows-1252.csv", "libreoffice-multiline-cells.csv",
                "pipe-delimited.csv", "utf16le-with-bom-tab-delimited.csv", "classic-mac-cr-line-ends.csv");
        assertThat(recovering).contains("unbalanced-quote-mid-file.csv", "unclosed-quote-at-end-of-file.csv");
    }

    /** As the route does it: the file's text for camel-csv's unmarshal, empty lines kept, records converted. */
    @SuppressWarnings("unchecked")
    static List<CsvRow> camelCsv(CamelContext camel, InputPreflight.Text text, Path file) throws Exception {
        CsvDataFormat csv = new CsvDataFormat();
        csv.setDelimiter(text.delimiter());
        csv.setIgnoreEmptyLines(false);
        csv.setRecordConverter(new CsvRowConverter());
        csv.start();
        Exchange exchange = new DefaultExchange(camel);
        String chars;
        try (Reader reader = text.open(file)) {
            StringBuilder sb = new StringBuilder();
            reader.transferTo(new java.io.Writer() {
                @Override public void write(char[] b, int off, int len) { sb.append(b, off, len); }
                @Override public void flush() { }
                @Override public void close() { }
            });
            chars = sb.toString();
        }
        try (InputStream in = new java.io.ByteArrayInputStream(chars.getBytes(StandardCharsets.UTF_8))) {
            return (List<CsvRow>) csv.unmarshal(exchange, in);
        }
    }
}
