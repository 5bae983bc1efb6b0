package org.verifikimporter.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.MappedRow;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.domain.RowMapper;
import org.verifikimporter.ledger.EarlierCreate;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;

/**
 * Decides, for each data row in file order, whether it may be sent: the column mapping and the field
 * rules, then a duplicate higher up in the same file, then what an earlier attempt of this import did with
 * it (a resume), then the same person created by another import within the dedupe window.
 *
 * <p>Used by the one reading thread only, before rows fan out to the call threads, so "the earlier row"
 * of a duplicate pair is always the one higher up in the file.
 */
final class RowScreen {

    private final RowMapper mapper;
    /** person key -> the row that first named that person. */
    private final Map<String, Long> persons = new HashMap<>();
    /** null for a dry run, which looks nothing up. */
    private final Ledger ledger;
    private final long runId;
    private final boolean resumed;
    private final Duration dedupeWindow;

    RowScreen(RowMapper mapper, Ledger ledger, long runId, boolean resumed, Duration dedupeWindow) {
        this.mapper = mapper;
        this.ledger = ledger;
        this.runId = runId;
        this.resumed = resumed;
        this.dedupeWindow = dedupeWindow;
    }

    /** The row as it will go on: sent, reported from the ledger, or failed with its reason. */
    RowExecution screen(ImportJob job, CsvRow row, Instant now) {
        MappedRow mapped = mapper.map(row);
        if (!mapped.isValid()) {
            return new RowExecution(job, mapped, null);
        }
        Long first = persons.putIfAbsent(mapped.request().personKey(), row.rowNumber());
        if (first != null) {
            return new RowExecution(job, MappedRow.invalid(row, RowFailure.of(ErrorCode.DUPLICATE_ROW, "row " + first
                    + " already has the same project, projectFlow, identifier and type; this row was not sent")), null);
        }
        if (ledger == null) {
            return new RowExecution(job, mapped, null);
        }
        if (resumed) {
            Optional<LedgerRow> before = ledger.row(runId, row.rowNumber());
            if (before.isPresent()) {
                return new RowExecution(job, fromLedger(mapped, before.get()), null);
            }
        }
        // once per row: the dedupe lookup and the SENDING record both key on it
        String personHash = personHash(mapped.request().personKey());
        if (!dedupeWindow.isZero()) {
            Optional<EarlierCreate> earlier = ledger.earlier(personHash, now.minus(dedupeWindow), runId);
            if (earlier.isPresent()) {
                return new RowExecution(job, MappedRow.invalid(row,
                        RowFailure.of(ErrorCode.ALREADY_CREATED, alreadyCreated(earlier.get()))), null);
            }
        }
        return new RowExecution(job, mapped, personHash);
    }

    private static MappedRow fromLedger(MappedRow mapped, LedgerRow before) {
        if (before.state() == LedgerRow.State.CREATED) {
            return MappedRow.createdBefore(mapped.row(), mapped.request(),
                    new CreatedSession(before.validationId(), before.status(), before.url()), before.attempts());
        }
        RowFailure failure = new RowFailure(before.errorCode(), before.errorMessage(), before.httpStatus(),
                Boolean.TRUE.equals(before.retryable()));
        if (before.state() == LedgerRow.State.UNKNOWN) {
            return MappedRow.unknownBefore(mapped.row(), mapped.request(), failure, before.attempts(), before.sendingAt());
        }
        return MappedRow.failedBefore(mapped.row(), failure, before.attempts());
    }

    private static String alreadyCreated(EarlierCreate e) {
        String where = "\"" + e.fileName() + "\" row " + e.rowNumber() + " at " + e.at();
        if (e.state() == LedgerRow.State.CREATED) {
            return "validation " + e.validationId() + " was already created for this person (" + where
                    + ", within importer.dedupe-window); not sent again";
        }
        return "an earlier import may have created a validation for this person (" + where
                + ", outcome unknown); not sent: check in Verifik first";
    }

    /** The ledger's key for a person: a SHA-256 of (project, projectFlow, identifier, type), no personal data. */
    static String personHash(String personKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(personKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
