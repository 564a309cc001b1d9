package dev.dbq.bench;

import dev.dbq.runtime.DbqEvent;
import dev.dbq.runtime.DbqListener;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The claim statement's time as the worker measures it ({@link DbqEvent.Claimed#duration()}: from
 * before it asks the pool for a connection to the rows returned), in microseconds, and how many
 * jobs the claims took. PostgreSQL's own per-statement timing ({@code pg_stat_statements}) needs
 * {@code shared_preload_libraries}, which the bench leaves as the server has it. The histogram
 * travels from a worker process to the bench as Base64 of HdrHistogram's compressed form.
 */
final class ClaimTimes implements DbqListener {
  /** Up to a minute, three significant digits. */
  private static final long HIGHEST_MICROS = 60_000_000L;

  private final Histogram micros = new Histogram(HIGHEST_MICROS, 3);
  private long claimed;

  @Override
  public synchronized void onClaimed(DbqEvent.Claimed event) {
    micros.recordValue(Math.min(HIGHEST_MICROS, event.duration().toNanos() / 1_000));
    claimed += event.claimed();
  }

  /** Jobs claimed in all. */
  synchronized long claimed() {
    return claimed;
  }

  /** The histogram, encoded for a {@code RESULT} line. */
  synchronized String encoded() {
    return encode(micros);
  }

  static String encode(Histogram h) {
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  static Histogram decode(String encoded) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), HIGHEST_MICROS);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("not an encoded claim histogram: " + e.getMessage(), e);
    }
  }
}
