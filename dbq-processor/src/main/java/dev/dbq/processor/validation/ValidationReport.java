package dev.dbq.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The errors a validation found, each pinned to an element and, where a value is what is wrong, to
 * that annotation value, so javac points at the right line. Validators only add to it; the
 * processor prints it.
 */
public final class ValidationReport {

  /** One error, where javac should show it. */
  private record Entry(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      String message,
      Repeated repeated) {
    Entry(Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
      this(element, annotation, value, message, null);
    }
  }

  /**
   * Where a value of one of several repeated annotations is in the source: javac synthesises their
   * container and has no position for its contents, so only the source tree can find it.
   *
   * @param annotation the repeated annotation's qualified name
   * @param index which of them, in source order
   * @param attribute the attribute whose value is wrong
   */
  private record Repeated(String annotation, int index, String attribute) {}

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
   * Records an error on a value of one of several repeated annotations of an element: printed on
   * that value when javac's source trees are at hand ({@link #printTo(Messager, Trees)}), else on
   * the element.
   *
   * @param element the annotated element
   * @param annotation the repeated annotation's qualified name
   * @param index which of the repeated annotations, in source order
   * @param attribute the attribute whose value is wrong
   * @param message the text
   */
  public void errorOnRepeated(
      Element element, String annotation, int index, String attribute, String message) {
    entries.add(
        new Entry(element, null, null, message, new Repeated(annotation, index, attribute)));
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
    printTo(messager, null);
  }

  /**
   * Prints every error, those on repeated annotations on their values through the source trees.
   *
   * @param messager the compiler's messager
   * @param trees javac's trees, or null when the environment has none (a build tool's wrapper)
   */
  public void printTo(Messager messager, Trees trees) {
    for (Entry e : entries) {
      if (e.repeated() != null && trees != null && printOnTree(e, trees)) {
        continue;
      }
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

  /** Prints a repeated annotation's error on its value's tree; false when the tree is not found. */
  private static boolean printOnTree(Entry e, Trees trees) {
    TreePath path = trees.getPath(e.element());
    if (path == null) {
      return false;
    }
    ModifiersTree modifiers;
    if (path.getLeaf() instanceof ClassTree c) {
      modifiers = c.getModifiers();
    } else if (path.getLeaf() instanceof MethodTree m) {
      modifiers = m.getModifiers();
    } else {
      return false;
    }
    int seen = 0;
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      Element type = trees.getElement(new TreePath(path, annotation.getAnnotationType()));
      if (!(type instanceof TypeElement t)
          || !t.getQualifiedName().contentEquals(e.repeated().annotation())) {
        continue;
      }
      if (seen++ != e.repeated().index()) {
        continue;
      }
      Tree target = annotation;
      for (ExpressionTree argument : annotation.getArguments()) {
        if (argument instanceof AssignmentTree assignment
            && assignment.getVariable() instanceof IdentifierTree name
            && name.getName().contentEquals(e.repeated().attribute())) {
          target = assignment.getExpression();
        }
      }
      trees.printMessage(Diagnostic.Kind.ERROR, e.message(), target, path.getCompilationUnit());
      return true;
    }
    return false;
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
