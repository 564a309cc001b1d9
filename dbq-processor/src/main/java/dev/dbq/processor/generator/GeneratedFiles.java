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
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
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

  private final Filer filer;
  private final Optional<ClassName> generatedAnnotation;

  /**
   * @param filer the compiler's filer
   * @param elements looks up {@code javax.annotation.processing.Generated}, absent before JDK 9
   */
  public GeneratedFiles(Filer filer, Elements elements) {
    this.filer = filer;
    TypeElement generated = elements.getTypeElement("javax.annotation.processing.Generated");
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
   * Builds the file for a top-level class.
   *
   * @param packageName its package, {@code ""} for the default package
   * @param type the class
   * @return the file, ready to write
   */
  static JavaFile file(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type).indent("  ").skipJavaLangImports(true).build();
  }

  /** A generated file the filer refused, typically because a class of that name exists. */
  public static final class NotWrittenException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;
    private final String file;

    NotWrittenException(String file, IOException cause) {
      super(file, cause);
      this.file = file;
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
      throw new NotWrittenException(path, e);
    }
  }

  /**
   * Writes a file through the filer, once; the type's originating elements go with it.
   *
   * @param file the file
   */
  public void write(JavaFile file) {
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      String name =
          file.packageName().isEmpty()
              ? file.typeSpec().name()
              : file.packageName() + "." + file.typeSpec().name();
      throw new NotWrittenException(name, e);
    }
  }
}
