package dev.dbq.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** How job names and source classes become the names of generated methods and classes. */
public final class JobNames {
  /** The {@code Jobs} method that returns the catalog; no job may map to it. */
  public static final String CATALOG_METHOD = "catalog";

  private static final String SUFFIX = "_DbqJob";

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
   * Whether a builder method name cannot be used: a keyword, {@code catalog}, or a method that
   * {@code Jobs} inherits from {@code java.lang.Object} (a static {@code hashCode()} cannot hide
   * the instance one, {@code getClass()} is final, and an overload of {@code equals} or {@code
   * wait} would only confuse).
   *
   * @param method a name from {@link #builderMethod}
   * @param inherited the names of the methods {@code Jobs} inherits
   * @return why it is taken, or null when it is free
   */
  public static String reservedBecause(String method, Set<String> inherited) {
    if (SourceVersion.isKeyword(method)) {
      return "a Java keyword";
    }
    if (inherited.contains(method)) {
      return "a method every class inherits from java.lang.Object";
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
   * For a job with a typed workspace, the class {@code Jobs.someJob()} returns, which has no {@code
   * enqueue} until {@code workspace(W)} was called, e.g. {@code ImportCatsWithoutWorkspace}.
   *
   * @param builderMethod the job's factory method name
   * @return the simple name
   */
  public static String withoutWorkspaceClass(String builderMethod) {
    return capitalize(builderMethod) + "WithoutWorkspace";
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
    String simple = methodJob ? base + "_" + capitalize(builderMethod) + SUFFIX : base + SUFFIX;
    return ClassName.get(((PackageElement) e).getQualifiedName().toString(), simple);
  }

  /**
   * The definition classes of all jobs, distinct: where two jobs would get the same name (a
   * {@code @Job} method {@code send} and a nested {@code @Job class Send} of one class; {@code A.B}
   * and {@code A_B}), the job whose name sorts first keeps it and the others get {@code 2}, {@code
   * 3}... before {@code _DbqJob}. The same sources always give the same names.
   *
   * @param jobs valid jobs with distinct names, sorted by name
   * @return their definition classes, in the same order
   */
  public static List<ClassName> definitionClasses(List<JobDeclaration> jobs) {
    List<ClassName> natural = new ArrayList<>();
    for (JobDeclaration job : jobs) {
      natural.add(
          definitionClass(job.declaringClass(), job.isMethodJob(), builderMethod(job.name())));
    }
    Set<ClassName> taken = new HashSet<>(natural);
    Set<ClassName> given = new HashSet<>();
    List<ClassName> names = new ArrayList<>();
    for (ClassName name : natural) {
      String base = name.simpleName().substring(0, name.simpleName().length() - SUFFIX.length());
      ClassName chosen = name;
      // a job keeps its natural name unless an earlier job has it; a numbered one is any free name
      for (int n = 2; chosen.equals(name) ? given.contains(chosen) : taken.contains(chosen); n++) {
        chosen = ClassName.get(name.packageName(), base + n + SUFFIX);
      }
      given.add(chosen);
      taken.add(chosen);
      names.add(chosen);
    }
    return names;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
