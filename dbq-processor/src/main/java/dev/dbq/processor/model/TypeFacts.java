package dev.dbq.processor.model;

import dev.dbq.processor.validation.Message;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Questions about types that both the validator and the model ask. Runtime types are known by name
 * only: the processor never loads a {@code dev.dbq.runtime} class.
 */
public final class TypeFacts {
  /** The one context type steps and hooks may take. */
  public static final String JOB_CONTEXT = "dev.dbq.runtime.JobContext";

  private final Elements elements;
  private final Types types;

  /** Looked up once: an unbound {@code getTypeElement} searches every module. */
  private final TypeMirror throwable;

  private final TypeMirror runtimeException;
  private final TypeMirror error;
  private final Set<String> objectMethodNames;

  /**
   * @param elements the compiler's element utilities
   * @param types the compiler's type utilities
   */
  public TypeFacts(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.throwable = elements.getTypeElement("java.lang.Throwable").asType();
    this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
    Set<String> names = new TreeSet<>();
    for (ExecutableElement method :
        ElementFilter.methodsIn(
            elements.getTypeElement("java.lang.Object").getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.PRIVATE)) {
        names.add(method.getSimpleName().toString());
      }
    }
    this.objectMethodNames = Collections.unmodifiableSet(names);
  }

  /**
   * @return the names of the methods every class inherits from {@code java.lang.Object}
   */
  public Set<String> objectMethodNames() {
    return objectMethodNames;
  }

  /**
   * @return whether {@code element} or a class it is nested in is {@code @Deprecated}
   */
  public boolean isDeprecated(Element element) {
    for (Element e = element; e != null && !(e instanceof PackageElement); ) {
      if (elements.isDeprecated(e)) {
        return true;
      }
      e = e.getEnclosingElement();
    }
    return false;
  }

  /**
   * @return the accessible no-arg constructor of {@code element}, if it declares one (a class
   *     without constructors has the implicit one, which javac lists too)
   */
  public static Optional<ExecutableElement> noArgConstructor(TypeElement element) {
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(element.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty()
          && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of(constructor);
      }
    }
    return Optional.empty();
  }

  /**
   * @return the first checked exception a method or constructor declares, if any
   */
  public Optional<TypeMirror> checkedException(ExecutableElement executable) {
    for (TypeMirror thrown : executable.getThrownTypes()) {
      if (!types.isAssignable(thrown, runtimeException) && !types.isAssignable(thrown, error)) {
        return Optional.of(thrown);
      }
    }
    return Optional.empty();
  }

  /**
   * @return whether {@code type} is {@code dev.dbq.runtime.JobContext}
   */
  public boolean isJobContext(TypeMirror type) {
    return qualifiedName(type).equals(JOB_CONTEXT);
  }

  /**
   * @return whether {@code type} is exactly {@code Map<String, Object>}, the untyped workspace
   */
  public boolean isUntypedMap(TypeMirror type) {
    if (!qualifiedName(type).equals("java.util.Map")) {
      return false;
    }
    List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
    return args.size() == 2
        && qualifiedName(args.get(0)).equals("java.lang.String")
        && qualifiedName(args.get(1)).equals("java.lang.Object");
  }

  /**
   * @return whether {@code type} is exactly {@code Throwable} or {@code Exception}
   */
  public boolean isFailureType(TypeMirror type) {
    String name = qualifiedName(type);
    return name.equals("java.lang.Throwable") || name.equals("java.lang.Exception");
  }

  /**
   * @return whether {@code type} is a {@code Throwable} of any kind
   */
  public boolean isThrowable(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && types.isAssignable(type, throwable);
  }

  /**
   * @return whether both are the same type
   */
  public boolean isSameType(TypeMirror a, TypeMirror b) {
    return types.isSameType(a, b);
  }

  /**
   * @return whether the compiler could not resolve {@code type} (javac reports that itself)
   */
  public static boolean isError(TypeMirror type) {
    return type.getKind() == TypeKind.ERROR;
  }

  /**
   * @return the type's qualified name, or {@code ""} when it is not a class or interface
   */
  public static String qualifiedName(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return "";
    }
    return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
  }

  /**
   * Why Jackson cannot bind {@code type} as a typed workspace.
   *
   * @param type a candidate workspace type (not {@code Map<String, Object>})
   * @return the reason, or empty when it is a record or a class with an accessible no-arg
   *     constructor
   */
  public Optional<Message> whyNotBindable(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        break;
      case ARRAY:
        return Optional.of(Message.REASON_ARRAY);
      case TYPEVAR:
        return Optional.of(Message.REASON_TYPE_VARIABLE);
      default:
        return Optional.of(
            type.getKind().isPrimitive() ? Message.REASON_PRIMITIVE : Message.REASON_NOT_A_CLASS);
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals("java.util.Map")) {
      return Optional.of(Message.REASON_UNTYPED_MAP);
    }
    if (name.startsWith("java.lang.") && packageOf(element).equals("java.lang")) {
      return Optional.of(Message.REASON_JAVA_LANG);
    }
    if (element.getKind().isInterface()) {
      return Optional.of(Message.REASON_INTERFACE);
    }
    if (!element.getTypeParameters().isEmpty()) {
      return Optional.of(Message.REASON_GENERIC);
    }
    if (isJdkType(element)) {
      return Optional.of(Message.REASON_JDK_TYPE); // Date, UUID, BigDecimal, Optional, ...
    }
    if (element.getKind() == ElementKind.RECORD) {
      return whyNotTopLevelOrStatic(element);
    }
    Optional<Message> notInstantiable = whyNotInstantiable(element);
    if (notInstantiable.isPresent()) {
      return notInstantiable;
    }
    return JacksonProperties.hasProperties(element, types)
        ? Optional.empty()
        : Optional.of(Message.REASON_NO_PROPERTIES);
  }

  /**
   * The first property of a bindable workspace type that Jackson could not bind at run time.
   *
   * @param type a workspace type for which {@link #whyNotBindable} found nothing
   * @return the property, or empty
   */
  public Optional<JacksonProperties.Problem> unbindableProperty(TypeMirror type) {
    return JacksonProperties.unbindableProperty(
        (TypeElement) ((DeclaredType) type).asElement(), types);
  }

  /**
   * @return whether {@code element} is declared in a {@code java.} or {@code javax.} package
   */
  public static boolean isJdkType(TypeElement element) {
    String pkg = packageOf(element);
    return pkg.equals("java") || pkg.startsWith("java.") || pkg.startsWith("javax.");
  }

  /**
   * Why the generated code cannot create an instance with {@code new T()}.
   *
   * @param element a class
   * @return the reason, or empty when it has an accessible no-arg constructor
   */
  public Optional<Message> whyNotInstantiable(TypeElement element) {
    switch (element.getKind()) {
      case INTERFACE:
      case ANNOTATION_TYPE:
        return Optional.of(Message.REASON_INTERFACE);
      case ENUM:
        return Optional.of(Message.REASON_ENUM);
      default:
        break;
    }
    if (element.getModifiers().contains(Modifier.ABSTRACT)) {
      return Optional.of(Message.REASON_ABSTRACT);
    }
    Optional<Message> nesting = whyNotTopLevelOrStatic(element);
    if (nesting.isPresent()) {
      return nesting;
    }
    return noArgConstructor(element).isPresent()
        ? Optional.empty()
        : Optional.of(Message.REASON_NO_CONSTRUCTOR);
  }

  private static Optional<Message> whyNotTopLevelOrStatic(TypeElement element) {
    boolean inner =
        element.getNestingKind() == NestingKind.MEMBER
            && element.getKind() == ElementKind.CLASS
            && !element.getModifiers().contains(Modifier.STATIC);
    return inner ? Optional.of(Message.REASON_INNER_CLASS) : Optional.empty();
  }

  /**
   * Whether code in package {@code pkg} can name {@code element}: every enclosing class is public,
   * or (in the same package) not private.
   *
   * @param element a class
   * @param pkg a package name, {@code ""} for the default package
   * @return whether it is accessible
   */
  public static boolean isAccessibleFrom(TypeElement element, String pkg) {
    boolean samePackage = packageOf(element).equals(pkg);
    if (!samePackage && packageOf(element).isEmpty()) {
      return false; // no import reaches the default package
    }
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)
          || (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC))) {
        return false;
      }
    }
    return true;
  }

  /**
   * @return the first private class among {@code element} and its enclosing classes, if any
   */
  public static Optional<TypeElement> privateEnclosingClass(TypeElement element) {
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of((TypeElement) e);
      }
    }
    return Optional.empty();
  }

  /**
   * @return the name of the package that contains {@code element}, {@code ""} for the default
   */
  public static String packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }
}
