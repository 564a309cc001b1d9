package dev.dbq.runtime.cli;

import dev.dbq.runtime.JobInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code dbq list}'s table: a header, then one job per line, columns padded to align. */
final class JobTable {
  /** The last error is cut to this many characters; {@code dbq show ID} prints it whole. */
  static final int ERROR_WIDTH = 60;

  private static final List<String> HEADER =
      List.of(
          "ID", "STATE", "QUEUE", "NAME", "PRIORITY", "STEP", "ATTEMPT", "CREATED", "LAST ERROR");

  private JobTable() {}

  static void print(PrintWriter out, List<JobInfo> jobs) {
    if (jobs.isEmpty()) {
      out.println("no jobs match");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (JobInfo job : jobs) {
      rows.add(
          List.of(
              job.id().toString(),
              job.state().name(),
              job.queue(),
              job.name(),
              Integer.toString(job.priority()),
              Integer.toString(job.nextStep()),
              Integer.toString(job.attempt()),
              JobText.shortTime(job.created()),
              job.lastError() == null ? "" : JobText.oneLine(job.lastError(), ERROR_WIDTH)));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
