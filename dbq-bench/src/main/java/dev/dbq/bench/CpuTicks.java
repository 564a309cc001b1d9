package dev.dbq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks (USER_HZ, 100 a second on Linux): the whole
 * machine's from {@code /proc/stat}, one process's from {@code /proc/<pid>/stat}. The saturation
 * workload reads them before and after a drain, to tell the CPU the PostgreSQL backends spent from
 * the workers' and from the machine's as a whole (which other users of a shared machine load too).
 */
final class CpuTicks {
  /** USER_HZ: the unit of every figure in {@code /proc/stat}. */
  static final int PER_SECOND = 100;

  private CpuTicks() {}

  /**
   * The machine's CPU counters since boot, all CPUs together.
   *
   * @param busy ticks not idle (user, nice, system, irq, softirq, steal)
   * @param total all ticks, idle and iowait included
   */
  record Machine(long busy, long total) {
    /** The share of the CPU that was busy between {@code before} and this, in percent. */
    double busyPercentSince(Machine before) {
      long total = this.total - before.total;
      return total <= 0 ? Double.NaN : 100.0 * (busy - before.busy) / total;
    }
  }

  static Machine machine() throws IOException {
    return parseMachine(Files.readAllLines(Path.of("/proc/stat")).get(0));
  }

  /** The first line of {@code /proc/stat}: {@code cpu user nice system idle iowait irq ...}. */
  static Machine parseMachine(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (!f[0].equals("cpu")) {
      throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
    }
    long total = 0;
    long idle = 0;
    // user nice system idle iowait irq softirq steal; guest time is counted in user already
    for (int i = 1; i <= 8 && i < f.length; i++) {
      long v = Long.parseLong(f[i]);
      total += v;
      if (i == 4 || i == 5) {
        idle += v;
      }
    }
    return new Machine(total - idle, total);
  }

  /** User and system ticks of a process, or -1 when it no longer exists. */
  static long process(long pid) throws IOException {
    try {
      return parseProcess(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  /**
   * {@code pid (comm) state ...}: utime and stime are the 14th and 15th fields; counted after the
   * last ')', since the command name may hold spaces and parentheses.
   */
  static long parseProcess(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is the 3rd field (state): utime is the 14th, f[11]
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
