package dev.dbq.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Locale;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** How job names and source classes become the names of generated methods and classes. */
public final class JobNames {
  /** The {@code Jobs} method that returns the catalog; no job may map to it. */
  public static final String CATALOG_METHOD = "catalog";

  private JobNames() {}

  /**
   * The {@code Jobs} factory method of a job: lowerCamelCase, {@code _ - .} separating words.
   * {@code import_cats} and {@code import-cats} both become {@code importCats}.
   *
   * @param jobName a valid job name
   * @return the method name
   */
  public static String builderMethod(String jobName) {
    StringBuilder camel = new StringBuilder();
    for (String word : jobName.split("[_.\\-]+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (camel.length() == 0) {
        // an all-caps first word (HTTP_get) reads better as http than hTTP
        camel.append(
            word.equals(word.toUpperCase(Locale.ROOT))
                ? word.toLowerCase(Locale.ROOT)
                : Character.toLowerCase(word.charAt(0)) + word.substring(1));
      } else {
        camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return camel.toString();
  }

  /**
   * Whether a builder method name cannot be used: a keyword, or {@code catalog}.
   *
   * @param method a name from {@link #builderMethod}
   * @return why it is taken, or null when it is free
   */
  public static String reservedBecause(String method) {
    if (SourceVersion.isKeyword(method)) {
      return "a Java keyword";
    }
    if (method.equals(CATALOG_METHOD)) {
      return "reserved for Jobs.catalog()";
    }
    return null;
  }

  /**
   * The builder class nested in {@code Jobs}, e.g. {@code ImportCatsBuilder}.
   *
   * @param builderMethod the job's factory method name
   * @return the simple name
   */
  public static String builderClass(String builderMethod) {
    return capitalize(builderMethod) + "Builder";
  }

  /**
   * The generated class in the job's package that holds its definition: {@code ImportCats_DbqJob}
   * for a class job, {@code Mail_SendDigest_DbqJob} for the method job {@code send_digest} of
   * {@code Mail}. Nested classes are flattened with {@code _} (Dagger's convention).
   *
   * @param declaringClass the class that declares the job
   * @param methodJob whether the job is a {@code @Job} method
   * @param builderMethod the job's factory method name
   * @return the class name
   */
  public static ClassName definitionClass(
      TypeElement declaringClass, boolean methodJob, String builderMethod) {
    StringBuilder flat = new StringBuilder();
    Element e = declaringClass;
    while (e.getKind() != ElementKind.PACKAGE) {
      flat.insert(0, e.getSimpleName()).insert(0, '_');
      e = e.getEnclosingElement();
    }
    String base = flat.substring(1);
    String simple =
        methodJob ? base + "_" + capitalize(builderMethod) + "_DbqJob" : base + "_DbqJob";
    return ClassName.get(((PackageElement) e).getQualifiedName().toString(), simple);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
