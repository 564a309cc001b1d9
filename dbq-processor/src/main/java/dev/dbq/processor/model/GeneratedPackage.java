package dev.dbq.processor.model;

import java.util.Collection;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;

/** Chooses the package {@code P} of {@code Jobs} and the catalog. */
public final class GeneratedPackage {
  /** The processor option that names {@code P}. */
  public static final String OPTION = "dbq.package";

  private GeneratedPackage() {}

  /**
   * @param option the value of {@code -Adbq.package}, or null
   * @return whether the option is absent or names a valid package
   */
  public static boolean isValidOption(String option) {
    return option == null || option.isEmpty() || SourceVersion.isName(option);
  }

  /**
   * @param option the value of {@code -Adbq.package}, or null (checked with {@link #isValidOption})
   * @param jobs the {@code @Job} elements
   * @return the option when given, else the longest common package of the jobs ({@code ""} for the
   *     default package)
   */
  public static String choose(String option, Collection<? extends Element> jobs) {
    if (option != null && !option.isEmpty()) {
      return option;
    }
    String common = null;
    for (Element job : jobs) {
      String pkg = TypeFacts.packageOf(job);
      common = common == null ? pkg : commonPrefix(common, pkg);
    }
    return common == null ? "" : common;
  }

  /** The longest common package of two packages, by whole segments: a.b.c, a.bx → a. */
  private static String commonPrefix(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    StringBuilder common = new StringBuilder();
    for (int i = 0; i < Math.min(x.length, y.length) && x[i].equals(y[i]); i++) {
      common.append(i == 0 ? "" : ".").append(x[i]);
    }
    return common.toString();
  }
}
