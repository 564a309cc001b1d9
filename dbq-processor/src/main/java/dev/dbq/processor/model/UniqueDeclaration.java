package dev.dbq.processor.model;

import dev.dbq.annotation.Unique;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Unique} as written on a job, with its mirror so that errors pin to its values.
 *
 * @param mirror the annotation's mirror
 * @param values its values
 */
public record UniqueDeclaration(AnnotationMirror mirror, Unique values) {

  /**
   * @param element a {@code @Job} class or method
   * @return its {@code @Unique}, or empty when it has none
   */
  public static Optional<UniqueDeclaration> of(Element element) {
    Unique values = element.getAnnotation(Unique.class);
    if (values == null) {
      return Optional.empty();
    }
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) m.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(Unique.class.getCanonicalName())) {
        return Optional.of(new UniqueDeclaration(m, values));
      }
    }
    return Optional.of(new UniqueDeclaration(null, values));
  }
}
