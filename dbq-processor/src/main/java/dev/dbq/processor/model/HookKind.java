package dev.dbq.processor.model;

import dev.dbq.annotation.CreationHook;
import dev.dbq.annotation.FailureHook;
import dev.dbq.annotation.PostStepHook;
import dev.dbq.annotation.PreStepHook;
import java.lang.annotation.Annotation;

/** The four hooks a {@code @Job} class may declare, each at most once, in the order they run. */
public enum HookKind {
  CREATION(CreationHook.class, "creationHook"),
  PRE_STEP(PreStepHook.class, "preStepHook"),
  POST_STEP(PostStepHook.class, "postStepHook"),
  FAILURE(FailureHook.class, "failureHook");

  private final Class<? extends Annotation> annotation;
  private final String builderMethod;

  HookKind(Class<? extends Annotation> annotation, String builderMethod) {
    this.annotation = annotation;
    this.builderMethod = builderMethod;
  }

  /**
   * @return the annotation that marks this hook
   */
  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  /**
   * @return the annotation's simple name, as messages print it after an {@code @}
   */
  public String annotationName() {
    return annotation.getSimpleName();
  }

  /**
   * @return the {@code JobDefinition.Builder} method that registers this hook
   */
  public String builderMethod() {
    return builderMethod;
  }
}
