package org.verifikimporter.domain;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.verifikimporter.domain.LineReader.Line;

/**
 * Reads a CSV text record by record (the first record is the header) and keeps reading after a record
 * it cannot parse, so that one broken row never takes the rest of the file with it.
 *
 * <p>Physical lines are gathered into one record while a quoted cell is open (RFC 4180: a cell that starts
 * with {@code "} runs until a lone {@code "}; CRLF, LF and CR all end lines). The record's text is then
 * parsed by commons-csv. A record is <em>broken</em> when
 * <ul>
 *   <li>commons-csv cannot parse it (characters after a closing quote),</li>
 *   <li>its quote is never closed (the file ends inside it, or it runs on for more than
 *       {@code maxRecordChars}),</li>
 *   <li>or it spans several lines and does not have the header's number of cells: an unbalanced quote
 *       that swallowed the lines after it until some later quote happened to close it.</li>
 * </ul>
 * A broken record is reported as its first line only ({@link CsvRow#problem()} set, cells as the line
 * stands), and the lines after that first line are read again as records of their own. So every
 * physical line ends up in exactly one row: nothing is skipped silently.
 *
 * <p>Row numbers count records as a spreadsheet shows them: the header is row 1, an empty line is a row
 * (returned blank, for the caller to skip), a multi-line record is one row.
 */
public final class CsvRecordReader extends Lookahead<CsvRow> implements Closeable {

    private enum State { CELL_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, CLOSED }

    private final LineReader lines;
    private final char delimiter;
    private final int maxRecordChars;
    private final CSVFormat format;
    private final CSVFormat unquoted;
    private final Deque<Line> pending = new ArrayDeque<>();
    private long nextRow = 1;
    private int expectedCells = -1;

    public CsvRecordReader(Reader in, char delimiter, int maxRecordChars) {
        this.lines = new LineReader(in);
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
        this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        this.unquoted = format.builder().setQuote(null).get();
    }

    @Override
    protected CsvRow fetch() {
        try {
            return readRecord();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private CsvRow readRecord() throws IOException {
        Line first = readLine();
        if (first == null) {
            return null;
        }
        long row = nextRow++;
        if (first.text().indexOf('"') < 0) {
            // no quote: the cells are exactly what lies between the delimiters
            return cells(row, split(first.text()));
        }
        List<Line> lines = new ArrayList<>();
        lines.add(first);
        StringBuilder text = new StringBuilder(first.text());
        State state = scan(first.text(), State.CELL_START);
        while (state == State.QUOTED) {
            if (text.length() > maxRecordChars) {
                return broken(row, lines, "a quote opened in this row is still not closed after " + maxRecordChars
                        + " characters");
            }
            Line more = readLine();
            if (more == null) {
                return broken(row, lines, "a quote opened in this row is never closed (the file ends inside it)");
            }
            text.append(lines.get(lines.size() - 1).terminator()).append(more.text());
            lines.add(more);
            state = scan(more.text(), State.QUOTED);
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text.toString(), format)) {
            records = parser.getRecords();
        } catch (IOException | RuntimeException unparsable) {
            return broken(row, lines, "a quoted cell is followed by other characters before the next delimiter "
                    + "(a quote inside a cell must be doubled: \"\")");
        }
        if (records.size() != 1) {
            return broken(row, lines, "the quotes in this row do not pair up");
        }
        List<String> cells = records.get(0).toList();
        if (lines.size() > 1 && expectedCells >= 0 && cells.size() != expectedCells) {
            return broken(row, lines, "a quote opened in this row runs over " + lines.size() + " lines and leaves "
                    + cells.size() + " cells instead of the header's " + expectedCells
                    + ": most likely a quote that is never closed");
        }
        return cells(row, cells);
    }

    private CsvRow cells(long row, List<String> cells) {
        if (expectedCells < 0) {
            expectedCells = cells.size();
        }
        return new CsvRow(row, cells);
    }

    /**
     * Only the first line is this row; the lines after it go back to be read again as rows of their own.
     */
    private CsvRow broken(long row, List<Line> lines, String why) {
        for (int i = lines.size() - 1; i >= 1; i--) {
            pending.addFirst(lines.get(i));
        }
        Line first = lines.get(0);
        List<String> asItStands;
        try (CSVParser parser = CSVParser.parse(first.text(), unquoted)) {
            List<CSVRecord> records = parser.getRecords();
            asItStands = records.isEmpty() ? List.of(first.text()) : records.get(0).toList();
        } catch (IOException | RuntimeException e) {
            asItStands = List.of(first.text());
        }
        String where = lines.size() > 1 ? "; the " + (lines.size() - 1) + " line(s) after it were read as rows of "
                + "their own" : "";
        return new CsvRow(row, asItStands, why + " (line " + first.number() + " of the file" + where + ")");
    }

    private List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        int from = 0;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, from)) {
            cells.add(line.substring(from, i));
            from = i + 1;
        }
        cells.add(line.substring(from));
        return cells;
    }

    /** Where a line leaves the record: inside a quoted cell, or not. Mirrors commons-csv's default lexer. */
    private State scan(String line, State start) {
        State s = start;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            s = switch (s) {
                case CELL_START -> c == '"' ? State.QUOTED : c == delimiter ? State.CELL_START : State.UNQUOTED;
                case UNQUOTED -> c == delimiter ? State.CELL_START : State.UNQUOTED;
                case QUOTED -> c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
                case QUOTE_IN_QUOTED -> c == '"' ? State.QUOTED
                        : c == delimiter ? State.CELL_START
                        : Character.isWhitespace(c) ? State.CLOSED : State.UNQUOTED;
                case CLOSED -> c == delimiter ? State.CELL_START
                        : Character.isWhitespace(c) ? State.CLOSED : State.UNQUOTED;
            };
        }
        return s;
    }

    /** A broken record's later lines are read again before any new one. */
    private Line readLine() throws IOException {
        return pending.isEmpty() ? lines.next() : pending.pollFirst();
    }
}
