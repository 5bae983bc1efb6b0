package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"=SUM(A1)", "+573001234567", "-5", "@cmd", "\tx", "\rx"})
    void cellsASpreadsheetWouldRunAreGuarded(String cell) {
        assertThat(FormulaGuard.guard(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com", "573001234567", "", "'", "'plain", "''", "a=b"})
    void harmlessCellsAreLeftAlone(String cell) {
        assertThat(FormulaGuard.guard(cell)).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+57 300", "'=already quoted", "''+x", "'", "'abc", "plain", "-", "@", ""})
    void guardThenUnguardGivesTheCellBack(String cell) {
        assertThat(FormulaGuard.unguard(FormulaGuard.guard(cell))).isEqualTo(cell);
    }
}
