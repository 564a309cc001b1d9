package dev.dbq.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbq.runtime.JobInfo;
import dev.dbq.runtime.StepHistory;
import dev.dbq.runtime.StepRun;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** {@code dbq show}'s text: the job's fields, its steps and their runs, then the workspace. */
final class JobDetails {
  private static final String FIELD = "  %-11s %s%n";

  private JobDetails() {}

  static void print(PrintWriter out, JobInfo job) {
    out.printf("job %s%n", job.id());
    out.printf(FIELD, "name", job.name());
    out.printf(FIELD, "state", job.state());
    out.printf(FIELD, "queue", job.queue());
    out.printf(FIELD, "priority", job.priority());
    out.printf(FIELD, "next step", job.nextStep());
    out.printf(FIELD, "attempt", job.attempt());
    out.printf(FIELD, "created", JobText.time(job.created()));
    out.printf(FIELD, "modified", JobText.time(job.modified()));
    out.printf(FIELD, "run after", JobText.time(job.runAfter()));
    field(out, "last error", job.lastError(), "    ");
    out.println();
    if (job.history().isEmpty()) {
      out.println("steps: none has run yet");
    } else {
      out.println("steps:");
      for (StepHistory step : job.steps()) {
        out.printf(
            "  %d %s%n", step.index(), step.name() == null ? "(name not recorded)" : step.name());
        for (StepRun run : step.runs()) {
          printRun(out, run);
        }
      }
    }
    out.println();
    out.println("workspace:");
    indented(out, "  ", pretty(job.workspace()));
  }

  private static void printRun(PrintWriter out, StepRun run) {
    out.printf(
        "    attempt %d  %-9s  %s .. %s  (%s)  worker %s%n",
        run.attempt(),
        run.outcome(),
        JobText.time(run.started()),
        JobText.time(run.ended()),
        JobText.duration(run.duration()),
        run.worker() == null ? "-" : run.worker());
    if (run.error() != null) {
      out.print("    ");
      field(out, "error", run.error(), "        ");
    }
    if (run.stackTrace() != null) {
      out.println("      stack trace:");
      indented(out, "        ", run.stackTrace());
    }
  }

  /** A field whose text fits one line beside its label, or else goes below it, indented. */
  private static void field(PrintWriter out, String label, String text, String indent) {
    if (text == null || text.strip().lines().count() <= 1) {
      out.printf(FIELD, label, text == null ? "-" : text.strip());
    } else {
      out.printf(FIELD, label, "");
      indented(out, indent, text);
    }
  }

  /** Each line indented; a stack trace's leading tab becomes two spaces, to align with the rest. */
  private static void indented(PrintWriter out, String indent, String text) {
    text.strip()
        .lines()
        .forEach(line -> out.println(indent + line.replaceFirst("^\\t", "  ").stripTrailing()));
  }

  private static String pretty(String workspace) {
    ObjectMapper mapper = WorkspaceCodec.mapper();
    try {
      return mapper
          .writerWithDefaultPrettyPrinter()
          .writeValueAsString(JobJson.workspace(mapper, workspace));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
