package dev.dbq.runtime.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every SQL statement of the runtime, each kept as commented SQL in {@code
 * dev/dbq/runtime/internal/store/sql/<file>} (the migrations in {@code dev/dbq/runtime/migrations/}
 * are scripts and are applied as they are, by {@link Migrator}). Statements are written with named
 * parameters ({@code :queues}, {@code :claim_ids::uuid[]}); each is loaded once, when this class
 * is, and its names are turned into JDBC's {@code ?} markers there, so a missing resource or a
 * malformed statement fails at start. {@link NamedStatement} sets the values by name.
 *
 * <p>{@code ::} casts, string literals, quoted identifiers and comments are left as written. A raw
 * {@code ?} outside them is refused: every parameter has a name. A statement whose parameters
 * PostgreSQL cannot take ({@code LISTEN}) names its identifiers with {@code :name} too, and they
 * are written in at load from the constants given here.
 */
public enum SqlStatement {
  INSERT_JOBS("insert-jobs.sql"),
  INSERT_UNIQUE_JOBS("insert-unique-jobs.sql"),
  FIND_UNIQUE_HOLDERS("find-unique-holders.sql"),
  NOTIFY_QUEUES("notify-queues.sql"),
  QUEUE_DEPTHS("queue-depths.sql"),
  DELETE_OLD_JOBS("delete-old-jobs.sql"),
  FIND_JOB("find-job.sql"),
  COUNT_BY_STATE("count-by-state.sql"),
  QUEUE_STATS("queue-stats.sql"),
  RECENT_STEP_RUNS("recent-step-runs.sql"),
  HELD_BY_WORKER("held-by-worker.sql"),
  LIST_JOBS("list-jobs.sql"),
  LIST_JOBS_MATCHING("list-jobs-matching.sql"),
  LIST_WAITING_JOBS("list-waiting-jobs.sql"),
  WAITING_QUEUES("waiting-queues.sql"),
  COUNT_JOBS("count-jobs.sql"),
  FIND_STEP_RUNS("find-step-runs.sql"),
  FIND_JOB_STEP_RUNS("find-job-step-runs.sql"),
  RETRY_JOBS("retry-jobs.sql"),
  RETRY_NAMES("retry-names.sql"),
  CANCEL_JOBS("cancel-jobs.sql"),
  DELETE_JOBS("delete-jobs.sql"),
  RUN_JOBS_NOW("run-jobs-now.sql"),
  JOB_STATES("job-states.sql"),
  BEGIN_SNAPSHOT("begin-snapshot.sql"),
  CLAIM("claim.sql"),
  CLAIM_MANY_QUEUES("claim-many-queues.sql"),
  DECODE_MADE_UP_CLAIMS("decode-made-up-claims.sql"),
  SAVE_BATCH("save-batch.sql"),
  SAVE_BATCH_WITHOUT_HISTORY("save-batch-without-history.sql"),
  RENEW_LEASES("renew-leases.sql"),
  RESCUE_EXPIRED("rescue-expired.sql"),
  MARK_STOPPING("mark-stopping.sql"),
  HAND_BACK("hand-back.sql"),
  RELEASE_UNSTARTED("release-unstarted.sql"),
  PAUSE_QUEUES("pause-queues.sql"),
  RESUME_QUEUES("resume-queues.sql"),
  LIMIT_QUEUE("limit-queue.sql"),
  REMOVE_QUEUE_LIMIT("remove-queue-limit.sql"),
  FORGET_PLAIN_QUEUES("forget-plain-queues.sql"),
  LIST_QUEUES("list-queues.sql"),
  LISTEN("listen.sql", Map.of("channel", Notifications.CHANNEL)),
  NOTIFY_WARM_UP("notify-warm-up.sql", Map.of("channel", Notifications.CHANNEL)),
  VACUUM("vacuum.sql"),
  REGISTER_SCHEDULES("register-schedules.sql"),
  FIRE_SCHEDULE("fire-schedule.sql"),
  LIST_SCHEDULES("list-schedules.sql"),
  BEGIN_MIGRATION("begin-migration.sql"),
  LOCK_MIGRATIONS("lock-migrations.sql"),
  VERSION_TABLE_EXISTS("version-table-exists.sql"),
  CREATE_VERSION_TABLE("create-version-table.sql"),
  APPLIED_VERSIONS("applied-versions.sql"),
  RECORD_VERSION("record-version.sql");

  private static final String DIRECTORY = "sql/";

  private final String file;
  private final String sql;
  private final List<String> parameters;

  SqlStatement(String file) {
    this(file, Map.of());
  }

  SqlStatement(String file, Map<String, String> identifiers) {
    this.file = file;
    List<String> names = new ArrayList<>();
    this.sql = toJdbc(file, read(file), identifiers, names);
    this.parameters = List.copyOf(names);
  }

  /** The resource, relative to {@code dev/dbq/runtime/internal/store/sql/}. */
  String file() {
    return file;
  }

  /** The statement as JDBC takes it: comments kept, each named parameter a {@code ?}. */
  public String sql() {
    return sql;
  }

  /** The name of each {@code ?} of {@link #sql()}, in order; a name used twice appears twice. */
  List<String> parameters() {
    return parameters;
  }

  private static String read(String file) {
    try (InputStream in = SqlStatement.class.getResourceAsStream(DIRECTORY + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource dev/dbq/runtime/internal/store/" + DIRECTORY + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies {@code text}, replacing each {@code :name} outside literals, quoted identifiers and
   * comments by {@code ?} (recording the name) or by its identifier.
   */
  static String toJdbc(
      String file, String text, Map<String, String> identifiers, List<String> names) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    while (i < n) {
      char ch = text.charAt(i);
      int end;
      if (ch == '\'' || ch == '"') {
        end = text.indexOf(ch, i + 1);
        end = end < 0 ? n : end + 1; // '' and "" escapes are two literals in a row
      } else if (text.startsWith("--", i)) {
        end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (text.startsWith("/*", i)) {
        end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (text.startsWith("::", i)) {
        end = i + 2;
      } else if (ch == ':' && i + 1 < n && isNameStart(text.charAt(i + 1))) {
        end = i + 2;
        while (end < n && isNamePart(text.charAt(end))) {
          end++;
        }
        String name = text.substring(i + 1, end);
        String identifier = identifiers.get(name);
        if (identifier != null) {
          if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException(file + ": '" + identifier + "' is no plain identifier");
          }
          out.append(identifier);
        } else {
          out.append('?');
          names.add(name);
        }
        i = end;
        continue;
      } else if (ch == '?' || ch == '$') {
        throw new IllegalStateException(
            file + ": '" + ch + "' at offset " + i + " is not supported: name every parameter");
      } else {
        end = i + 1;
      }
      out.append(text, i, end);
      i = end;
    }
    return out.toString();
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
