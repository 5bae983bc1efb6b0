package org.verifikimporter.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.SimulatorOptionsBuilder;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * An end-to-end test against the project's simulator: a fresh simulator on a free port and a harness
 * whose folders live in a temporary directory, for every test.
 */
abstract class AgainstSimulator {

    @TempDir
    Path tmp;
    VerifikSimulator sim;
    ImporterHarness h;

    /** The token the simulator accepts and the importer sends. */
    abstract String token();

    @BeforeEach
    void startSimulator() {
        useSimulator(options());
    }

    @AfterEach
    void stopSimulator() {
        sim.stop();
    }

    /** The default simulator's options, for a test to add its faults to. */
    SimulatorOptionsBuilder options() {
        return SimulatorOptions.builder().token(token()).port(0);
    }

    /** Replaces the simulator with one built from {@code options}, and the harness with one pointing at it. */
    void useSimulator(SimulatorOptionsBuilder options) {
        if (sim != null) {
            sim.stop();
        }
        sim = new VerifikSimulator(options.build()).start();
        h = new ImporterHarness(tmp, sim.baseUrl(), token());
    }
}
