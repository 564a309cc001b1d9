package dev.dbq.processor.model;

import dev.dbq.annotation.Recurring;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Recurring} as written on a job, with its mirror so that errors pin to its values.
 *
 * @param mirror the annotation's mirror (inside the {@code @Recurring.List} container when there
 *     are several)
 * @param values its values
 */
public record RecurringDeclaration(AnnotationMirror mirror, Recurring values) {

  /**
   * @param element a {@code @Job} class or method
   * @return its schedules in declaration order; empty when it has none
   */
  public static List<RecurringDeclaration> of(Element element) {
    Recurring[] values = element.getAnnotationsByType(Recurring.class);
    List<AnnotationMirror> mirrors = new ArrayList<>();
    for (AnnotationMirror m : element.getAnnotationMirrors()) {
      String type = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
      if (type.equals(Recurring.class.getCanonicalName())) {
        mirrors.add(m);
      } else if (type.equals(Recurring.List.class.getCanonicalName())) {
        m.getElementValues().forEach((name, value) -> mirrors.addAll(nested(value)));
      }
    }
    List<RecurringDeclaration> found = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      found.add(new RecurringDeclaration(i < mirrors.size() ? mirrors.get(i) : null, values[i]));
    }
    return found;
  }

  private static List<AnnotationMirror> nested(AnnotationValue container) {
    List<AnnotationMirror> mirrors = new ArrayList<>();
    if (container.getValue() instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof AnnotationValue v && v.getValue() instanceof AnnotationMirror m) {
          mirrors.add(m);
        }
      }
    }
    return mirrors;
  }
}
