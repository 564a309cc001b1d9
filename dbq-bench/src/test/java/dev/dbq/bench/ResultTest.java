package dev.dbq.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bench's own arithmetic and table (the workloads themselves run by hand). */
class ResultTest {

  @Test
  void tenthRatesDivideEachTenthOfTheJobsByItsOwnSpan() {
    long[] tenths = {
      100_000, 200_000, 400_000, 500_000, 600_000, 700_000, 800_000, 900_000, 1_000_000, 1_100_000
    };
    DrainResult r = new DrainResult(1_100_000, 1024, tenths, -1, -1, -1);

    double[] rates = r.tenthRates(1_000);

    assertArrayEquals(
        new double[] {1_000, 1_000, 500, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000},
        rates,
        1e-9);
  }

  @Test
  void aRowShowsTheRatioAndWhetherTheTargetWasMet() {
    String line = new Row("1 drain", "jobs/s", 20_000, 4_000, ">= 15,000", true).format();

    assertTrue(line.contains("20,000"), line);
    assertTrue(line.contains("5.00x"), line);
    assertTrue(line.contains("yes"), line);
  }
}
