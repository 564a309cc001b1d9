package dev.dbq.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Spans as lines of a file, one tab-separated line per span, so a test can read what another
 * process exported: kind, name, trace id, span id, parent span id, status, job id, step name, and
 * the first link's trace id and span id ({@code -} for none).
 */
final class SpanLines implements SpanExporter {
  private final Path file;

  SpanLines(Path file) {
    this.file = file;
  }

  /**
   * One exported span, as read back.
   *
   * @param kind the span kind
   * @param name its name
   * @param traceId its trace id
   * @param spanId its span id
   * @param parentSpanId its parent's span id (all zeros for none)
   * @param status its status code
   * @param jobId {@code messaging.message.id}
   * @param step {@code dbq.step.name}
   * @param linkTraceId the first link's trace id
   * @param linkSpanId the first link's span id
   */
  record Line(
      String kind,
      String name,
      String traceId,
      String spanId,
      String parentSpanId,
      String status,
      String jobId,
      String step,
      String linkTraceId,
      String linkSpanId) {
    static Line parse(String text) {
      String[] f = text.split("\t", -1);
      return new Line(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
    }
  }

  static List<Line> read(Path file) throws IOException {
    List<Line> lines = new ArrayList<>();
    for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!text.isBlank()) {
        lines.add(Line.parse(text));
      }
    }
    return lines;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    StringBuilder out = new StringBuilder();
    for (SpanData s : spans) {
      LinkData link = s.getLinks().isEmpty() ? null : s.getLinks().get(0);
      out.append(s.getKind())
          .append('\t')
          .append(s.getName())
          .append('\t')
          .append(s.getTraceId())
          .append('\t')
          .append(s.getSpanId())
          .append('\t')
          .append(s.getParentSpanId())
          .append('\t')
          .append(s.getStatus().getStatusCode())
          .append('\t')
          .append(orDash(s.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
          .append('\t')
          .append(orDash(s.getAttributes().get(AttributeKey.stringKey("dbq.step.name"))))
          .append('\t')
          .append(link == null ? "-" : link.getSpanContext().getTraceId())
          .append('\t')
          .append(link == null ? "-" : link.getSpanContext().getSpanId())
          .append('\n');
    }
    try {
      Files.writeString(
          file, out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CompletableResultCode.ofSuccess();
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
