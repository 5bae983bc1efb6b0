package org.verifikimporter.camel.file;

import org.apache.camel.dataformat.csv.CsvRecordConverter;
import org.apache.commons.csv.CSVRecord;
import org.verifikimporter.domain.CsvRow;

/**
 * Keeps the record number that camel-csv's list converter drops. With empty lines kept as records, the
 * record number is the row number a spreadsheet shows (a multi-line quoted cell is still one record).
 */
public final class CsvRowConverter implements CsvRecordConverter<CsvRow> {
    @Override
    public CsvRow convertRecord(CSVRecord record) {
        return new CsvRow(record.getRecordNumber(), record.toList());
    }
}
