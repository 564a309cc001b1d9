package dev.dbq.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * The errors a validation found, each pinned to an element and, where a value is what is wrong, to
 * that annotation value, so javac points at the right line. Validators only add to it; the
 * processor prints it.
 */
public final class ValidationReport {

  /** One error, where javac should show it. */
  private record Entry(
      Element element, AnnotationMirror annotation, AnnotationValue value, String message) {}

  private final List<Entry> entries = new ArrayList<>();

  /**
   * Records an error on an element.
   *
   * @param element the offending element
   * @param message the text
   */
  public void error(Element element, String message) {
    entries.add(new Entry(element, null, null, message));
  }

  /**
   * Records an error on an annotation of an element, and on one of its values when that value is
   * written out (an omitted value has no position of its own).
   *
   * @param element the annotated element
   * @param annotation the annotation
   * @param attribute the attribute whose value is wrong, or null for the annotation as a whole
   * @param message the text
   */
  public void error(
      Element element, AnnotationMirror annotation, String attribute, String message) {
    entries.add(new Entry(element, annotation, explicitValue(annotation, attribute), message));
  }

  /**
   * Records an error on one element of an array value of an annotation (javac points at that
   * element), or on the whole value when the element cannot be found.
   *
   * @param element the annotated element
   * @param annotation the annotation
   * @param attribute the array attribute
   * @param index the element's index in the array as written
   * @param message the text
   */
  public void errorOnArrayElement(
      Element element, AnnotationMirror annotation, String attribute, int index, String message) {
    AnnotationValue value = explicitValue(annotation, attribute);
    if (value != null
        && value.getValue() instanceof List<?> items
        && index < items.size()
        && items.get(index) instanceof AnnotationValue item) {
      value = item;
    }
    entries.add(new Entry(element, annotation, value, message));
  }

  /**
   * @return whether any error was recorded
   */
  public boolean hasErrors() {
    return !entries.isEmpty();
  }

  /**
   * @return the messages, in the order they were found (for tests of the validator itself)
   */
  public List<String> messages() {
    return entries.stream().map(Entry::message).toList();
  }

  /**
   * Prints every error.
   *
   * @param messager the compiler's messager
   */
  public void printTo(Messager messager) {
    for (Entry e : entries) {
      if (e.value() != null) {
        messager.printMessage(
            Diagnostic.Kind.ERROR, e.message(), e.element(), e.annotation(), e.value());
      } else if (e.annotation() != null) {
        messager.printMessage(Diagnostic.Kind.ERROR, e.message(), e.element(), e.annotation());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, e.message(), e.element());
      }
    }
  }

  private static AnnotationValue explicitValue(AnnotationMirror annotation, String attribute) {
    if (annotation == null || attribute == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }
}
