package dev.dbq.example;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Layout;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * The example's log appender ({@code logback.xml}): while the demo runs, each log line goes to its
 * {@link StateWatcher}, which prints it in time order with the state lines; otherwise (the command
 * line) to stderr.
 */
public final class DemoLogAppender extends AppenderBase<ILoggingEvent> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static volatile Consumer<String> demo;
  private Layout<ILoggingEvent> layout;

  /** Created by logback from {@code logback.xml}. */
  public DemoLogAppender() {}

  /**
   * @param layout formats each event; set by logback from {@code logback.xml}
   */
  public void setLayout(Layout<ILoggingEvent> layout) {
    this.layout = layout;
  }

  /** Sends the log lines to the demo's output until {@link #toStderr()}. */
  static void toDemo(Consumer<String> lines) {
    demo = lines;
  }

  static void toStderr() {
    demo = null;
  }

  /** The line with the time it is printed in front, in the demo's first column. */
  static String stamped(String line) {
    return TIME.format(LocalTime.now()) + "  " + line;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = layout == null ? event.getFormattedMessage() + "\n" : layout.doLayout(event);
    Consumer<String> lines = demo;
    if (lines != null) {
      lines.accept(line);
    } else {
      System.err.print(stamped(line));
    }
  }
}
