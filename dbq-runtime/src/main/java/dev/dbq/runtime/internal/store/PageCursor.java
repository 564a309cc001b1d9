package dev.dbq.runtime.internal.store;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Where a page of jobs ended, in the claim's order: the last job's priority and insertion number
 * ({@code seq}). Neither changes after the insert, so the next page starts right after that job
 * however the jobs around it move on. Given to users as an opaque text: a version byte, the
 * priority and the seq, in URL-safe base64.
 *
 * @param priority the last job's priority
 * @param seq the last job's insertion number
 */
public record PageCursor(int priority, long seq) {
  private static final byte VERSION = 1;
  private static final int BYTES = 1 + Short.BYTES + Long.BYTES;

  /** The cursor as the user sees it. */
  public String text() {
    ByteBuffer bytes = ByteBuffer.allocate(BYTES).put(VERSION).putShort((short) priority);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.putLong(seq).array());
  }

  /**
   * Reads a cursor that {@link #text()} wrote.
   *
   * @throws IllegalArgumentException when the text is no such cursor
   */
  public static PageCursor parse(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != BYTES || bytes[0] != VERSION) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a cursor of a job listing: pass the next cursor of an earlier page");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
    return new PageCursor(buffer.getShort(), buffer.getLong());
  }

  /** The position's key in the listing index: -(priority) ascending is priority descending. */
  int rank() {
    return -priority;
  }
}
