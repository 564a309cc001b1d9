package dev.dbq.processor.model;

import dev.dbq.processor.validation.Message;
import java.util.Collection;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

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
   * Why a valid {@code -Adbq.package} cannot hold the generated classes: it is the name of a class
   * (or inside one), or a package of another module, such as the JDK's {@code java.util}.
   *
   * @param option the value of {@code -Adbq.package}, valid by {@link #isValidOption}
   * @param elements the compiler's element utilities
   * @param jobs the {@code @Job} elements, whose module the generated classes join
   * @return the error, or empty when the package can be used
   */
  public static Optional<String> whyUnusable(
      String option, Elements elements, Collection<? extends Element> jobs) {
    if (option == null || option.isEmpty()) {
      return Optional.empty();
    }
    String prefix = "";
    for (String segment : option.split("\\.")) {
      prefix = prefix.isEmpty() ? segment : prefix + "." + segment;
      TypeElement type = elements.getTypeElement(prefix);
      if (type != null) {
        return Optional.of(
            Message.PACKAGE_OPTION_NAMES_A_CLASS.format(option, type.getQualifiedName()));
      }
    }
    PackageElement existing = elements.getPackageElement(option);
    if (existing != null && !jobs.isEmpty()) {
      ModuleElement module = elements.getModuleOf(existing);
      ModuleElement own = elements.getModuleOf(jobs.iterator().next());
      if (module != null && !module.isUnnamed() && !module.equals(own)) {
        return Optional.of(
            Message.PACKAGE_OPTION_IN_OTHER_MODULE.format(option, module.getQualifiedName()));
      }
    }
    return Optional.empty();
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
