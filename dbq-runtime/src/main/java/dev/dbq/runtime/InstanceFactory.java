package dev.dbq.runtime;

import java.util.function.Supplier;

/**
 * Supplies the object whose instance method a step or hook is, so that a dependency-injection
 * container can hand out its beans. Generated code passes the class and its no-arg constructor.
 *
 * <pre>{@code
 * InstanceFactory spring = new InstanceFactory() {
 *   public <T> T instance(Class<T> type, Supplier<T> constructor) {
 *     return context.getBean(type);
 *   }
 * };
 * }</pre>
 */
public interface InstanceFactory {

  /** The default: a new instance from the no-arg constructor for every invocation. */
  InstanceFactory NEW_INSTANCE_PER_CALL =
      new InstanceFactory() {
        @Override
        public <T> T instance(Class<T> type, Supplier<T> constructor) {
          return constructor.get();
        }
      };

  /**
   * Returns the instance to call a step or hook on.
   *
   * @param type the class that declares the step or hook
   * @param constructor its no-arg constructor
   * @param <T> the class
   * @return a non-null instance of {@code type}
   */
  <T> T instance(Class<T> type, Supplier<T> constructor);
}
