package dev.dbq.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.Map;
import java.util.Optional;

/**
 * A job's workspace: a typed class {@code W}, or the untyped JSON object.
 *
 * @param type the typed workspace class, or null for the untyped {@code Map<String, Object>}
 */
public record Workspace(ClassName type) {
  /** The untyped workspace. */
  public static final Workspace UNTYPED = new Workspace(null);

  /** What untyped builders accept: any map with string keys. */
  public static final TypeName UNTYPED_BUILDER_ARGUMENT =
      ParameterizedTypeName.get(
          ClassName.get(Map.class),
          ClassName.get(String.class),
          WildcardTypeName.subtypeOf(Object.class));

  /**
   * @return the typed workspace class, or empty when untyped
   */
  public Optional<ClassName> typed() {
    return Optional.ofNullable(type);
  }

  /**
   * @return the type a builder's {@code workspace(...)} method takes
   */
  public TypeName builderArgument() {
    return type != null ? type : UNTYPED_BUILDER_ARGUMENT;
  }
}
