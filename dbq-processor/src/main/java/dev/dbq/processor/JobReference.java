package dev.dbq.processor;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * A {@code @Job} carried from one round to the next by name, not by element: javac may hand out new
 * element objects in each round, and a job waiting for a generated type must be looked up again
 * once that type exists.
 *
 * @param typeName the canonical name of the job class, or of the class declaring the job method
 * @param memberIndex the method's index among the class's members; -1 for a class job
 */
record JobReference(String typeName, int memberIndex) {

  static JobReference of(Element job) {
    if (job instanceof ExecutableElement method) {
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      return new JobReference(
          owner.getQualifiedName().toString(), owner.getEnclosedElements().indexOf(method));
    }
    return new JobReference(((TypeElement) job).getQualifiedName().toString(), -1);
  }

  /**
   * @return the element in this round, or null when it is gone
   */
  Element resolve(Elements elements) {
    TypeElement type = elements.getTypeElement(typeName);
    if (type == null || memberIndex < 0) {
      return type;
    }
    List<? extends Element> members = type.getEnclosedElements();
    return memberIndex < members.size() ? members.get(memberIndex) : null;
  }
}
