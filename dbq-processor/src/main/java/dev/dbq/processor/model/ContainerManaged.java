package dev.dbq.processor.model;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Whether a job class's instances come from a dependency-injection container, so that it needs no
 * no-arg constructor: the runtime's {@code InstanceFactory} then supplies them (the Spring Boot
 * starter's takes them from the application context). Known by annotation names only, so the
 * processor needs none of the containers on its path.
 *
 * <p>Why so narrow: a class without a no-arg constructor that no container manages cannot be run,
 * and that stays a compile error; a class that says it is a bean (a Spring stereotype, or an
 * injecting constructor) is the container's to build.
 */
public final class ContainerManaged {
  /**
   * Spring's stereotype; {@code @Service}, {@code @Configuration}, ... carry it as meta-annotation.
   */
  private static final String SPRING_COMPONENT = "org.springframework.stereotype.Component";

  /** Annotations on a constructor that a container calls with the beans it takes. */
  private static final Set<String> INJECTING_CONSTRUCTOR =
      Set.of(
          "org.springframework.beans.factory.annotation.Autowired",
          "jakarta.inject.Inject",
          "javax.inject.Inject");

  private ContainerManaged() {}

  /**
   * @param type a job class
   * @return whether it is a Spring component (directly or through a meta-annotation) or has a
   *     constructor annotated {@code @Autowired} or {@code @Inject}
   */
  public static boolean isContainerManaged(TypeElement type) {
    if (carries(type, SPRING_COMPONENT, new HashSet<>())) {
      return true;
    }
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      for (AnnotationMirror annotation : constructor.getAnnotationMirrors()) {
        if (INJECTING_CONSTRUCTOR.contains(nameOf(annotation))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the element has the annotation, directly or on one of its annotations' types. */
  private static boolean carries(Element element, String annotationName, Set<String> seen) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      String name = nameOf(annotation);
      if (name.equals(annotationName)) {
        return true;
      }
      // java.lang.annotation's meta-annotations annotate each other: stop at types seen
      if (seen.add(name)
          && carries(annotation.getAnnotationType().asElement(), annotationName, seen)) {
        return true;
      }
    }
    return false;
  }

  private static String nameOf(AnnotationMirror annotation) {
    return ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
  }
}
