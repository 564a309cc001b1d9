package dev.dbq.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One step or hook method as the generated code calls it.
 *
 * @param methodName the method's simple name
 * @param owner the class that declares it
 * @param isStatic whether it is static; otherwise it is called on an instance of {@code owner}
 * @param parameters what to pass, in declaration order
 * @param returnsWorkspace whether it returns the workspace to keep (otherwise {@code void})
 * @param ownerConstructible whether {@code owner} has a no-arg constructor the generated code may
 *     pass to the {@code InstanceFactory}; false for a container's bean (see {@link
 *     ContainerManaged}), whose factory must supply the instance
 */
public record MethodModel(
    String methodName,
    ClassName owner,
    boolean isStatic,
    List<ParameterKind> parameters,
    boolean returnsWorkspace,
    boolean ownerConstructible) {
  /** Copies the parameter list. */
  public MethodModel {
    parameters = List.copyOf(parameters);
  }
}
