package dev.dbq.processor.model;

import dev.dbq.processor.validation.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The properties Jackson sees on a workspace type with the runtime's mapper (default visibility:
 * public fields, public getters and setters, record components), and the two ways a workspace fails
 * at run time that can be known at compile time: no property at all (Jackson refuses to write an
 * empty bean), and a property of an interface or abstract type (Jackson cannot choose a class
 * without polymorphic type information, which dbq does not enable).
 *
 * <p>A type that carries any Jackson annotation, on itself or a member, is taken as configured by
 * its author and not judged. JDK types ({@code List}, {@code Map}, {@code Instant}...) are left to
 * Jackson's own handling.
 */
public final class JacksonProperties {
  private static final String JACKSON_PACKAGE = "com.fasterxml.jackson.";

  /**
   * A property Jackson cannot bind.
   *
   * @param name the property
   * @param owner the class that declares it
   * @param type its type
   * @param reason why it cannot be bound: an interface, an abstract class
   */
  public record Problem(String name, TypeElement owner, TypeMirror type, Message reason) {}

  private JacksonProperties() {}

  /** Whether Jackson finds at least one property on a (non-record) class. */
  static boolean hasProperties(TypeElement type, Types types) {
    if (isJacksonConfigured(type)) {
      return true;
    }
    for (TypeElement c = type; c != null; c = superclass(c, types)) {
      for (Element member : c.getEnclosedElements()) {
        if (isPublicInstance(member)
            && (member.getKind() == ElementKind.FIELD
                || (member instanceof ExecutableElement method && isGetter(method)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first property, here or in a nested property type, that Jackson cannot bind. */
  static Optional<Problem> unbindableProperty(TypeElement type, Types types) {
    return unbindableProperty(type, types, new HashSet<>());
  }

  private static Optional<Problem> unbindableProperty(
      TypeElement type, Types types, Set<TypeElement> seen) {
    if (!seen.add(type) || TypeFacts.isJdkType(type) || isJacksonConfigured(type)) {
      return Optional.empty();
    }
    for (Property property : properties(type, types)) {
      for (TypeMirror used : declaredTypesIn(property.type())) {
        TypeElement element = (TypeElement) ((DeclaredType) used).asElement();
        if (TypeFacts.isJdkType(element) || isJacksonConfigured(element)) {
          continue;
        }
        if (element.getKind() == ElementKind.INTERFACE) {
          return Optional.of(
              new Problem(
                  property.name(),
                  property.owner(),
                  property.type(),
                  Message.REASON_ABSTRACT_PROPERTY_INTERFACE));
        }
        if (element.getKind() == ElementKind.CLASS
            && element.getModifiers().contains(Modifier.ABSTRACT)) {
          return Optional.of(
              new Problem(
                  property.name(),
                  property.owner(),
                  property.type(),
                  Message.REASON_ABSTRACT_PROPERTY_CLASS));
        }
        Optional<Problem> nested = unbindableProperty(element, types, seen);
        if (nested.isPresent()) {
          return nested;
        }
      }
    }
    return Optional.empty();
  }

  private record Property(String name, TypeElement owner, TypeMirror type) {}

  /**
   * The names of the properties Jackson writes for a workspace type (record components; public
   * fields and getters, not setters), sorted: the keys of its stored JSON object.
   *
   * @param type a workspace type
   * @param types the compiler's type utilities
   * @return the names, or empty when the type carries Jackson annotations, which may rename or hide
   *     properties
   */
  public static Optional<List<String>> writtenPropertyNames(TypeElement type, Types types) {
    if (isJacksonConfigured(type)) {
      return Optional.empty();
    }
    TreeSet<String> names = new TreeSet<>();
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : type.getRecordComponents()) {
        names.add(component.getSimpleName().toString());
      }
      return Optional.of(List.copyOf(names));
    }
    for (TypeElement c = type; c != null; c = superclass(c, types)) {
      if (c != type && isJacksonConfigured(c)) {
        return Optional.empty();
      }
      for (VariableElement field : ElementFilter.fieldsIn(c.getEnclosedElements())) {
        if (isPublicInstance(field)) {
          names.add(field.getSimpleName().toString());
        }
      }
      for (ExecutableElement method : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (isPublicInstance(method) && isGetter(method)) {
          names.add(propertyName(method.getSimpleName().toString()));
        }
      }
    }
    return Optional.of(List.copyOf(names));
  }

  private static List<Property> properties(TypeElement type, Types types) {
    List<Property> properties = new ArrayList<>();
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : type.getRecordComponents()) {
        properties.add(
            new Property(component.getSimpleName().toString(), type, component.asType()));
      }
      return properties;
    }
    for (TypeElement c = type; c != null; c = superclass(c, types)) {
      for (VariableElement field : ElementFilter.fieldsIn(c.getEnclosedElements())) {
        if (isPublicInstance(field)) {
          properties.add(new Property(field.getSimpleName().toString(), c, field.asType()));
        }
      }
      for (ExecutableElement method : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (!isPublicInstance(method)) {
          continue;
        }
        String name = method.getSimpleName().toString();
        if (isGetter(method)) {
          properties.add(new Property(propertyName(name), c, method.getReturnType()));
        } else if (name.length() > 3
            && name.startsWith("set")
            && method.getParameters().size() == 1) {
          properties.add(
              new Property(propertyName(name), c, method.getParameters().get(0).asType()));
        }
      }
    }
    return properties;
  }

  /** The declared types a property's type is made of: itself, array components, type arguments. */
  private static List<TypeMirror> declaredTypesIn(TypeMirror type) {
    List<TypeMirror> found = new ArrayList<>();
    collect(type, found);
    return found;
  }

  private static void collect(TypeMirror type, List<TypeMirror> found) {
    if (type.getKind() == TypeKind.ARRAY) {
      collect(((ArrayType) type).getComponentType(), found);
    } else if (type.getKind() == TypeKind.DECLARED) {
      found.add(type);
      for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
        collect(argument, found);
      }
    }
  }

  private static boolean isGetter(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    if (!method.getParameters().isEmpty() || method.getReturnType().getKind() == TypeKind.VOID) {
      return false;
    }
    return (name.length() > 3 && name.startsWith("get") && !name.equals("getClass"))
        || (name.length() > 2
            && name.startsWith("is")
            && method.getReturnType().getKind() == TypeKind.BOOLEAN);
  }

  private static String propertyName(String accessor) {
    String bare = accessor.substring(accessor.startsWith("is") ? 2 : 3);
    return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }

  private static boolean isPublicInstance(Element member) {
    return member.getModifiers().contains(Modifier.PUBLIC)
        && !member.getModifiers().contains(Modifier.STATIC);
  }

  private static TypeElement superclass(TypeElement type, Types types) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) types.asElement(superclass);
    return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
  }

  /** Any Jackson annotation on the type or one of its members: its author configured binding. */
  private static boolean isJacksonConfigured(TypeElement type) {
    if (hasJacksonAnnotation(type)) {
      return true;
    }
    for (Element member : type.getEnclosedElements()) {
      if (hasJacksonAnnotation(member)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasJacksonAnnotation(Element element) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
      if (type.getQualifiedName().toString().startsWith(JACKSON_PACKAGE)) {
        return true;
      }
    }
    return false;
  }
}
