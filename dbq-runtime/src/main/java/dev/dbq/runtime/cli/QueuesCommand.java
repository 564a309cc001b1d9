package dev.dbq.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbq.runtime.JobState;
import dev.dbq.runtime.QueueInfo;
import dev.dbq.runtime.internal.WorkspaceCodec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dbq queues}: every queue that has jobs or settings, with its jobs by state, the wait of
 * its oldest runnable job, and whether it is paused or limited; an aligned table, or JSON lines
 * with {@code --json}.
 */
@Command(
    name = "queues",
    mixinStandardHelpOptions = true,
    description =
        "List every queue (with jobs or settings): paused or running, its concurrency limit, its"
            + " jobs by state and how long its oldest runnable job has waited.")
public final class QueuesCommand implements Callable<Integer> {
  @ParentCommand private RootCommand root;

  @Option(names = "--json", description = "One JSON object per queue and line.")
  private boolean json;

  @Override
  public Integer call() {
    CliContext cli = root.context();
    List<QueueInfo> queues = cli.dbq().queues().list();
    if (json) {
      for (QueueInfo queue : queues) {
        cli.out().println(json(queue));
      }
    } else {
      table(queues).forEach(cli.out()::println);
    }
    return 0;
  }

  /** The aligned table: text columns left-aligned, counts right-aligned. */
  static List<String> table(List<QueueInfo> queues) {
    List<String> header = new ArrayList<>(List.of("QUEUE", "PAUSED", "LIMIT"));
    for (JobState state : JobState.values()) {
      header.add(state.name());
    }
    header.add("OLDEST WAITING");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (QueueInfo queue : queues) {
      List<String> row = new ArrayList<>();
      row.add(queue.name());
      row.add(queue.paused() ? "yes" : "no");
      row.add(
          queue.concurrencyLimit().isPresent()
              ? Integer.toString(queue.concurrencyLimit().getAsInt())
              : "-");
      for (JobState state : JobState.values()) {
        row.add(Long.toString(queue.count(state)));
      }
      row.add(queue.oldestWaiting().map(Ages::format).orElse("-"));
      rows.add(row);
    }
    int columns = header.size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        if (i > 0) {
          line.append("  ");
        }
        // the queue, paused and age columns read left to right; counts and limits align right
        boolean left = i < 2 || i == columns - 1;
        String cell = row.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        line.append(left ? cell + pad : pad + cell);
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  static String json(QueueInfo queue) {
    ObjectNode node = WorkspaceCodec.mapper().createObjectNode();
    node.put("queue", queue.name());
    node.put("paused", queue.paused());
    if (queue.concurrencyLimit().isPresent()) {
      node.put("limit", queue.concurrencyLimit().getAsInt());
    } else {
      node.putNull("limit");
    }
    ObjectNode jobs = node.putObject("jobs");
    for (JobState state : JobState.values()) {
      jobs.put(state.name().toLowerCase(Locale.ROOT), queue.count(state));
    }
    node.put("waiting", queue.waiting());
    node.put("running", queue.running());
    if (queue.oldestWaiting().isPresent()) {
      node.put("oldest_waiting_ms", queue.oldestWaiting().get().toMillis());
    } else {
      node.putNull("oldest_waiting_ms");
    }
    try {
      return WorkspaceCodec.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
