package dev.dbq.processor;

import dev.dbq.annotation.Job;
import dev.dbq.annotation.Step;
import dev.dbq.processor.model.HookKind;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * Whether a {@code @Job} is complete enough to judge and generate: every annotation value resolved
 * and every type in its steps' and hooks' signatures known. An incomplete job names a type javac
 * has not seen (yet): a typo, a missing class, or a class another processor generates in a later
 * round. The processor waits for later rounds instead of judging it, and leaves the unknown symbol
 * to javac, which reports it on the user's line.
 */
final class Completeness {
  private Completeness() {}

  /**
   * @param job a {@code @Job} class or method
   * @return whether its annotations and signatures hold no unresolved symbol
   */
  static boolean isComplete(Element job) {
    if (!jobValuesResolved(job)) {
      return false;
    }
    if (job instanceof ExecutableElement method) {
      return classComplete((TypeElement) method.getEnclosingElement()) && methodComplete(method);
    }
    TypeElement type = (TypeElement) job;
    if (!classComplete(type)) {
      return false;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (isStepOrHook(method) && (!stepValuesResolved(method) || !methodComplete(method))) {
        return false;
      }
    }
    return true;
  }

  /** Reading an unresolved value ({@code name = Names.MISSING}) through the proxy throws. */
  private static boolean jobValuesResolved(Element job) {
    try {
      Job values = job.getAnnotation(Job.class);
      values.name();
      values.queue();
      values.priority();
      values.maxAttempts();
      return true;
    } catch (RuntimeException unresolved) {
      return false;
    }
  }

  private static boolean stepValuesResolved(ExecutableElement method) {
    try {
      Step step = method.getAnnotation(Step.class);
      if (step != null) {
        step.order();
        step.timeout();
      }
      return true;
    } catch (RuntimeException unresolved) {
      return false;
    }
  }

  private static boolean isStepOrHook(ExecutableElement method) {
    if (method.getAnnotation(Step.class) != null) {
      return true;
    }
    for (HookKind kind : HookKind.values()) {
      if (method.getAnnotation(kind.annotation()) != null) {
        return true;
      }
    }
    return false;
  }

  /** The class and every class it is nested in extend and implement known types. */
  private static boolean classComplete(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (!isComplete(t.getSuperclass())) {
        return false;
      }
      for (TypeMirror implemented : t.getInterfaces()) {
        if (!isComplete(implemented)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean methodComplete(ExecutableElement method) {
    if (!isComplete(method.getReturnType())) {
      return false;
    }
    for (VariableElement parameter : method.getParameters()) {
      if (!isComplete(parameter.asType())) {
        return false;
      }
    }
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!isComplete(thrown)) {
        return false;
      }
    }
    return true;
  }

  /** No error type anywhere in it: {@code Map<String, Missing>} is incomplete too. */
  static boolean isComplete(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return false;
      case ARRAY:
        return isComplete(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() == null || isComplete(wildcard.getExtendsBound()))
            && (wildcard.getSuperBound() == null || isComplete(wildcard.getSuperBound()));
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (!isComplete(argument)) {
            return false;
          }
        }
        return true;
      default:
        return true;
    }
  }
}
