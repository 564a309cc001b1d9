package dev.dbq.runtime.cli;

import dev.dbq.runtime.internal.ErrorText;
import dev.dbq.runtime.internal.MdcKeys;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider the command line installs when the class path has none (see {@link
 * CliLogging}): one line per event on stderr, INFO and up for dbq's own loggers ({@code dev.dbq.*},
 * the jobs' {@code dev.dbq.job.<name>} among them), WARN and up for the rest (so HikariCP's start
 * and stop lines stay out). A throwable is shown as its class and message on the same line, not as
 * a stack trace: the line is for an operator; a backend of one's own shows traces.
 *
 * <p>Not registered in {@code META-INF/services}: an application's own backend is never shadowed.
 */
public final class StderrLogProvider implements SLF4JServiceProvider {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, LineLogger::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** Called by SLF4J when {@code slf4j.provider} names this class. */
  public StderrLogProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  /** The line for one event; package-private for tests. */
  static String line(
      LocalTime time, Level level, String message, String job, String step, Throwable thrown) {
    StringBuilder line =
        new StringBuilder(TIME.format(time.truncatedTo(ChronoUnit.MILLIS)))
            .append(' ')
            .append(String.format("%-5s", level))
            .append(' ');
    if (job != null) {
      line.append('[').append(job);
      if (step != null) {
        line.append(' ').append(step);
      }
      line.append("] ");
    }
    line.append(message);
    if (thrown != null) {
      String text = thrown.getMessage();
      if (text != null && message.endsWith(ErrorText.clean(text))) {
        line.append(" (").append(thrown.getClass().getName()).append(')');
      } else {
        line.append(": ").append(thrown);
      }
    }
    return line.toString().replace('\n', ' ').replace('\r', ' ');
  }

  /** A logger that prints one line per enabled event. */
  private static final class LineLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final boolean dbq;

    LineLogger(String name) {
      this.name = name;
      this.dbq = name.startsWith("dev.dbq.");
    }

    private boolean enabled(Level level) {
      return level.toInt() >= (dbq ? Level.INFO : Level.WARN).toInt();
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      String text =
          line(
              LocalTime.now(),
              level,
              message,
              MDC.get(MdcKeys.JOB_NAME),
              MDC.get(MdcKeys.STEP),
              thrown);
      PrintStream err = System.err;
      err.println(text);
    }
  }
}
