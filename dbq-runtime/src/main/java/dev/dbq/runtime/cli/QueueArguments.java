package dev.dbq.runtime.cli;

import dev.dbq.runtime.internal.NamingRules;
import java.util.List;
import java.util.TreeSet;

/**
 * Queue names from the command line, checked against the naming rule before the database is opened:
 * bad input writes nothing and makes no connection.
 */
final class QueueArguments {
  private QueueArguments() {}

  static String name(String queue) {
    try {
      return NamingRules.checkQueueName(queue);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /** Checked, distinct, sorted. */
  static List<String> names(List<String> queues) {
    TreeSet<String> names = new TreeSet<>();
    for (String queue : queues) {
      names.add(name(queue));
    }
    return List.copyOf(names);
  }
}
