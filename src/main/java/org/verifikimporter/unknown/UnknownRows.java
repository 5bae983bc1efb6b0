package org.verifikimporter.unknown;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.domain.ColumnMapping;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.FormulaGuard;
import org.verifikimporter.domain.RowRules;
import org.verifikimporter.ledger.ImportRun;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;
import org.verifikimporter.report.FailedRows;
import org.verifikimporter.report.RetryFile;
import org.verifikimporter.report.RunSummaryFile;

/**
 * The rows of one finished import whose outcome stayed unknown, read from its report folder and joined with the
 * ledger's run of that folder.
 *
 * @param header the input's own columns, for the file the rows go back in as
 */
public record UnknownRows(RunSummaryFile summary, ImportRun run, List<String> header, List<UnknownRow> rows) {

    private static final ApiField[] PERSON = {ApiField.PROJECT, ApiField.PROJECT_FLOW, ApiField.IDENTIFIER, ApiField.TYPE};

    /**
     * @throws RetryFile.NotRetryable when the folder is not a finished import, or the ledger has no run of it
     */
    public static UnknownRows of(Path runDir, Ledger ledger, Map<ApiField, String> defaults, Clock clock)
            throws IOException, RetryFile.NotRetryable {
        RunSummaryFile summary = RetryFile.finishedImport(runDir);
        ImportRun run = runOf(runDir, summary, ledger);
        FailedRows failed = FailedRows.read(runDir.resolve("failed.csv"));
        ColumnMapping columns = ColumnMapping.of(failed.header());
        RowRules rules = new RowRules(clock);
        List<UnknownRow> rows = new ArrayList<>();
        for (FailedRows.Row row : failed.rows()) {
            if (!ErrorCode.OUTCOME_UNKNOWN.name().equals(row.errorCode()) || row.rowNumber() < 0) {
                continue;
            }
            Optional<LedgerRow> record = ledger.row(run.id(), row.rowNumber());
            rows.add(new UnknownRow(row.rowNumber(), row.cells(),
                    person(columns, defaults, rules, new CsvRow(row.rowNumber(), row.cells())), record,
                    record.isPresent() && record.get().state() == LedgerRow.State.PUT_BACK
                            ? ledger.putBacks().of(run.id(), row.rowNumber()) : Optional.empty()));
        }
        return new UnknownRows(summary, run, failed.header(), List.copyOf(rows));
    }

    /** The ledger's finished run whose reports are in {@code runDir}. */
    public static ImportRun runOf(Path runDir, RunSummaryFile summary, Ledger ledger) throws RetryFile.NotRetryable {
        // by the folder's name: the ledger keeps the path as the import was given it, maybe relative to another
        // working folder; a name is unique within an outbox, and the content narrows it to that file's imports
        Path name = runDir.toAbsolutePath().normalize().getFileName();
        for (ImportRun run : ledger.runs(summary.sha256())) {
            if (run.finished() && name.equals(run.reportDir().getFileName())) {
                return run;
            }
        }
        throw new RetryFile.NotRetryable("the ledger holds no finished import of " + summary.file() + " with its reports "
                + "in " + runDir + ": is importer.state (or importer.ledger.url) the one that import used?");
    }

    /**
     * The person only, checked as a create would be: the other cells may no longer pass the rules (an expiresAt
     * now past), which the next import reports as it would for any row, but they do not change who was sent for.
     */
    private static org.verifikimporter.domain.CreateRequest person(ColumnMapping columns, Map<ApiField, String> defaults,
                                                                 RowRules rules, CsvRow row) {
        Map<ApiField, String> values = new EnumMap<>(ApiField.class);
        for (ApiField field : PERSON) {
            String cell = FormulaGuard.unguard(strip(columns.cell(row, field)));
            String value = cell == null || cell.isEmpty() ? defaults.get(field) : cell;
            if (value != null && !value.isBlank()) {
                values.put(field, value.strip());
            }
        }
        RowRules.Result checked = rules.check(values);
        return checked.isValid() ? checked.request() : null;
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
