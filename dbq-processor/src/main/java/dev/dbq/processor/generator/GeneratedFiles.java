package dev.dbq.processor.generator;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The one place that decorates and writes every generated source file: {@code @Generated} when the
 * compilation has it, two-space indentation, {@code java.lang} imports skipped.
 */
public final class GeneratedFiles {
  /** The {@code @Generated} value: who wrote the file. No date, so output is reproducible. */
  static final String GENERATOR = "dev.dbq.processor.DbqProcessor";

  /** The annotation on every generated class, when the compilation has it (JDK 9+). */
  public static final String GENERATED_ANNOTATION = "javax.annotation.processing.Generated";

  /** The {@code java.lang} types that generated code refers to by simple name. */
  private static final Set<String> JAVA_LANG_NAMES_USED =
      Set.of("Object", "String", "Throwable", "Exception", "Override", "SuppressWarnings", "Class");

  private final Filer filer;
  private final Elements elements;
  private final Optional<ClassName> generatedAnnotation;

  /**
   * @param filer the compiler's filer
   * @param elements looks up {@code javax.annotation.processing.Generated}, absent before JDK 9
   */
  public GeneratedFiles(Filer filer, Elements elements) {
    this.filer = filer;
    this.elements = elements;
    TypeElement generated = elements.getTypeElement(GENERATED_ANNOTATION);
    this.generatedAnnotation = Optional.ofNullable(generated).map(ClassName::get);
  }

  /**
   * Adds {@code @Generated} to a top-level class, when available.
   *
   * @param type the class being built
   * @return the same builder
   */
  TypeSpec.Builder decorate(TypeSpec.Builder type) {
    generatedAnnotation.ifPresent(
        annotation ->
            type.addAnnotation(
                AnnotationSpec.builder(annotation).addMember("value", "$S", GENERATOR).build()));
    return type;
  }

  /**
   * Suppresses the deprecation warnings that generated code would draw for using the user's
   * deprecated classes, methods or workspace types (as Dagger does): the user's own declarations
   * already carry the warning, and a {@code -Werror} build must not fail on a generated file.
   *
   * @param type the class being built
   * @param usesDeprecated whether the class uses anything deprecated; nothing is added otherwise
   * @return the same builder
   */
  static TypeSpec.Builder suppressDeprecation(TypeSpec.Builder type, boolean usesDeprecated) {
    if (usesDeprecated) {
      type.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "{$S, $S}", "deprecation", "removal")
              .build());
    }
    return type;
  }

  /**
   * Builds the file for a top-level class. A {@code java.lang} type that generated code names
   * without an import ({@code Object}, {@code Override}...) is written qualified when the package
   * has a class of the same simple name, which would otherwise be the one javac resolves.
   *
   * @param packageName its package, {@code ""} for the default package
   * @param type the class
   * @return the file, ready to write
   */
  JavaFile file(String packageName, TypeSpec type) {
    List<String> shadowed = new ArrayList<>();
    PackageElement pkg = elements.getPackageElement(packageName);
    if (pkg != null) {
      for (Element member : pkg.getEnclosedElements()) {
        String simple = member.getSimpleName().toString();
        if (JAVA_LANG_NAMES_USED.contains(simple)) {
          shadowed.add(simple);
        }
      }
    }
    TypeSpec qualified =
        shadowed.isEmpty()
            ? type
            : type.toBuilder().alwaysQualify(shadowed.toArray(String[]::new)).build();
    return JavaFile.builder(packageName, qualified).indent("  ").skipJavaLangImports(true).build();
  }

  /** A generated file the filer refused, typically because a class of that name exists. */
  public static final class NotWrittenException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final transient Element job;

    NotWrittenException(String file, Element job, IOException cause) {
      super(file, cause);
      this.file = file;
      this.job = job;
    }

    /**
     * @return the job whose definition class it was, or null for a file of the whole compilation
     */
    public Element job() {
      return job;
    }

    /**
     * @return the class or resource that could not be written
     */
    public String file() {
      return file;
    }
  }

  /**
   * Writes a resource into the class output, once.
   *
   * @param path its path, e.g. {@code META-INF/services/...}
   * @param content its text, written as UTF-8
   * @param originatingElements the elements it was generated from
   */
  public void writeResource(String path, String content, Element... originatingElements) {
    try {
      FileObject resource =
          filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, originatingElements);
      try (Writer writer =
          new OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
        writer.write(content);
      }
    } catch (IOException e) {
      throw new NotWrittenException(path, null, e);
    }
  }

  /**
   * Writes a file through the filer, once; the type's originating elements go with it.
   *
   * @param file the file
   * @param job the job it defines, or null for a file of the whole compilation
   */
  public void write(JavaFile file, Element job) {
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      String name =
          file.packageName().isEmpty()
              ? file.typeSpec().name()
              : file.packageName() + "." + file.typeSpec().name();
      throw new NotWrittenException(name, job, e);
    }
  }
}
