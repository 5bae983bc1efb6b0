package org.verifikimporter.cli;

import java.io.PrintWriter;
import org.verifikimporter.report.ShellWords;
import org.verifikimporter.simulator.ProjectCatalog;

/**
 * What {@code simulate} prints once it listens: where, the projects and flows it accepts (a create naming any
 * other fails), and a line to paste into another terminal that imports one row against it.
 */
final class SimulatorBanner {

    /**
     * @param tokenForShell how the pasted line sets VERIFIK_TOKEN (a value, or a reference such as
     *                      "$SIMULATOR_TOKEN"); null when VERIFIK_TOKEN is the token already
     * @param builtIn       the built-in demo set (rather than a --projects file)
     */
    record Facts(String baseUrl, String tokenSource, String tokenForShell, ProjectCatalog catalog, boolean builtIn) {
    }

    private SimulatorBanner() {
    }

    static void print(Facts f, PrintWriter out) {
        out.println("Verifik simulator listening on " + f.baseUrl() + " (" + f.tokenSource() + ")");
        out.println("Projects and flows it accepts (" + (f.builtIn() ? "the built-in demo set; --projects FILE for your own"
                : "from --projects") + "):");
        for (String project : f.catalog().projectIds()) {
            out.println("  project " + project);
            f.catalog().flows().stream().filter(flow -> flow.projectId().equals(project)).forEach(flow ->
                    out.printf("    flow %s  %-10s  %s%n", flow.id(), flow.type().jsonName(),
                            flow.active() ? "active" : flow.status().jsonName() + ": answered 409 Project_not_active"));
        }
        out.println("  any other project: 404 Project_not_found_or_featured_disabled; a flow of another project: "
                + "400 INVALID_PROJECT_FLOW");
        String tryLine = tryLine(f);
        out.println(tryLine == null ? "No active flow: a create call can only fail."
                : "Try it, in another terminal: " + tryLine);
    }

    /** One row for the first active flow, dropped into data/inbox and imported; null without an active flow. */
    static String tryLine(Facts f) {
        ProjectCatalog.Flow flow = f.catalog().flows().stream().filter(ProjectCatalog.Flow::active).findFirst().orElse(null);
        if (flow == null) {
            return null;
        }
        String csv = "identifier,project,projectFlow,type\\n" + "try-1@example.com," + flow.projectId() + ","
                + flow.id() + "," + flow.type().jsonName() + "\\n";
        return "mkdir -p data/inbox && printf " + ShellWords.quote(csv) + " > data/inbox/simulator-try.csv && "
                + "VERIFIK_BASE_URL=" + f.baseUrl()
                + (f.tokenForShell() == null ? "" : " VERIFIK_TOKEN=" + f.tokenForShell()) + " " + ShellWords.command("run");
    }
}
