package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    static List<CsvRow> read(String text, char delimiter) {
        List<CsvRow> rows = new ArrayList<>();
        new CsvRecordReader(new StringReader(text), delimiter, 1000).forEachRemaining(rows::add);
        return rows;
    }

    static List<String> shape(List<CsvRow> rows) {
        return rows.stream().map(r -> r.rowNumber() + (r.problem() != null ? "!" : "") + r.cells()).toList();
    }

    @Test
    void crlfLfAndCrAllEndLinesAndRowNumbersCountBlankLines() {
        assertThat(shape(read("a,b\r\n1,2\n\n3,4\r5,6", ','))).containsExactly(
                "1[a, b]", "2[1, 2]", "3[]", "4[3, 4]", "5[5, 6]");
    }

    @Test
    void aQuotedCellMayHoldDelimitersQuotesAndLineBreaksAndIsStillOneRow() {
        List<CsvRow> rows = read("a,b,c\n1,\"x, \"\"y\"\"\r\nz\",3\n4,5,6\n", ',');
        assertThat(shape(rows)).containsExactly("1[a, b, c]", "2[1, x, \"y\"\r\nz, 3]", "3[4, 5, 6]");
    }

    @Test
    void otherDelimiters() {
        assertThat(shape(read("a;b\n\"1;2\";3\n", ';'))).containsExactly("1[a, b]", "2[1;2, 3]");
        assertThat(shape(read("a\tb\n1\t2\n", '\t'))).containsExactly("1[a, b]", "2[1, 2]");
        assertThat(shape(read("a|b\n1|2\n", '|'))).containsExactly("1[a, b]", "2[1, 2]");
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsJustACharacter() {
        assertThat(shape(read("a,b\nO\"Brien,2\n3,4\n", ','))).containsExactly("1[a, b]", "2[O\"Brien, 2]", "3[3, 4]");
    }

    @Test
    void anUnclosedQuoteIsOneBrokenRowAndTheLinesAfterItAreReadAgain() {
        List<CsvRow> rows = read("a,b,c\n1,\"oops,3\n4,5,6\n7,8,9\n", ',');
        assertThat(shape(rows)).containsExactly("1[a, b, c]", "2![1, \"oops, 3]", "3[4, 5, 6]", "4[7, 8, 9]");
        assertThat(rows.get(1).problem()).contains("never closed").contains("line 2 of the file")
                .contains("2 line(s) after it were read as rows of their own");
    }

    @Test
    void aQuoteClosedByALaterQuoteFollowedByTextIsBrokenAndRecovers() {
        // the quote opened on line 2 "closes" at the quote of line 4, which is followed by a letter
        List<CsvRow> rows = read("a,b,c\n1,\"x,3\n4,5,6\n7,\"q\"r,9\n10,11,12\n", ',');
        assertThat(shape(rows)).containsExactly("1[a, b, c]", "2![1, \"x, 3]", "3[4, 5, 6]", "4![7, \"q\"r, 9]",
                "5[10, 11, 12]");
    }

    @Test
    void aSwallowedRecordWithTheWrongCellCountIsBrokenAndRecovers() {
        // the quote opened on line 2 closes cleanly at the end of line 3: one record of 4 cells, not 3
        List<CsvRow> rows = read("a,b,c\n1,\"x,3\n4,5,\"\n7,8,9\n", ',');
        assertThat(shape(rows)).containsExactly("1[a, b, c]", "2![1, \"x, 3]", "3![4, 5, \"]", "4[7, 8, 9]");
        assertThat(rows.get(1).problem()).contains("runs over 2 lines").contains("2 cells instead of the header's 3");
    }

    @Test
    void aQuoteThatRunsOnTooLongIsBroken() {
        StringBuilder text = new StringBuilder("a,b\n1,\"open\n");
        for (int i = 0; i < 200; i++) {
            text.append("line ").append(i).append(",x\n");
        }
        List<CsvRow> rows = read(text.toString(), ',');
        assertThat(rows.get(1).problem()).contains("still not closed after 1000 characters");
        assertThat(rows).hasSize(202);
        assertThat(rows.get(201).cells()).containsExactly("line 199", "x");
    }

    @Test
    void everyLineEndsInExactlyOneRow() {
        String text = "a,b\n\"1,2\n3,4\n\"5\"x,6\n7,\"8\n9\"\n\"10,11\n";
        List<CsvRow> rows = read(text, ',');
        assertThat(rows).extracting(CsvRow::rowNumber).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(shape(rows)).containsExactly("1[a, b]", "2![\"1, 2]", "3[3, 4]", "4![\"5\"x, 6]", "5[7, 8\n9]",
                "6![\"10, 11]");
    }

    @Test
    void aTruncatedLastLineIsReadAsItIs() {
        assertThat(shape(read("a,b,c\n1,2,3\n4,5", ','))).containsExactly("1[a, b, c]", "2[1, 2, 3]", "3[4, 5]");
    }
}
