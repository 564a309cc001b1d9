package dev.dbq.runtime.internal;

import dev.dbq.runtime.DbqListener;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The {@link DbqListener}s of a {@code Dbq} or a worker, told of one event at a time. A listener
 * that throws cannot break the work it hears about: the first throw of each kind of event (per
 * listener class) is logged at WARN with its trace, later ones are ignored quietly, so a broken
 * listener neither fails a step nor floods the log.
 *
 * <p>It knows which kinds of event some listener hears ({@link #hears}): those whose method a
 * listener's class overrides, looked up once per listener added. Callers build an event only when
 * it is heard, so a tracing listener, which hears step starts and ends, costs a worker nothing for
 * claims, saves and job ends.
 */
public final class Listeners {
  private static final Logger log = RuntimeLoggers.of(DbqListener.class);

  private final List<DbqListener> listeners;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  // the kinds some listener overrides, replaced whole when a listener comes or goes
  private volatile Set<String> heard;

  /**
   * @param listeners the listeners, in the order they hear events
   */
  public Listeners(List<DbqListener> listeners) {
    this.listeners = new CopyOnWriteArrayList<>(listeners);
    this.heard = heardBy(this.listeners);
  }

  /**
   * @return whether there is no listener: callers skip building events then
   */
  public boolean isEmpty() {
    return listeners.isEmpty();
  }

  /**
   * @param kind a kind of event, as {@link #tell} names it ("onStepEnded")
   * @return whether a listener overrides that method: else callers skip building the event
   */
  public boolean hears(String kind) {
    return heard.contains(kind);
  }

  /**
   * @param listener one more listener
   */
  public synchronized void add(DbqListener listener) {
    listeners.add(listener);
    heard = heardBy(listeners);
  }

  /**
   * @param listener a listener to tell no more
   * @return whether it was one
   */
  public synchronized boolean remove(DbqListener listener) {
    boolean was = listeners.remove(listener);
    heard = heardBy(listeners);
    return was;
  }

  /**
   * The methods of {@link DbqListener} that some listener's class (or a class or interface between
   * it and {@code DbqListener}) declares: a method left to the interface's default does nothing, so
   * its event need not be built. A class whose methods cannot be looked up hears everything.
   */
  private static Set<String> heardBy(List<DbqListener> listeners) {
    Set<String> kinds = new HashSet<>();
    for (DbqListener listener : listeners) {
      for (Method m : DbqListener.class.getMethods()) {
        if (m.isDefault() && overrides(listener.getClass(), m)) {
          kinds.add(m.getName());
        }
      }
    }
    return Set.copyOf(kinds);
  }

  private static boolean overrides(Class<?> type, Method method) {
    try {
      return type.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass()
          != DbqListener.class;
    } catch (NoSuchMethodException | SecurityException e) {
      return true; // cannot tell: hear it, as before this was known
    }
  }

  /**
   * Tells every listener, each apart.
   *
   * @param kind the event's kind, as the log names it ("onStepEnded")
   * @param call what to tell one listener
   */
  public void tell(String kind, Consumer<DbqListener> call) {
    for (DbqListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
          throw fatal; // out of memory: as anywhere else in the worker
        }
        if (reported.add(listener.getClass().getName() + "#" + kind)) {
          log.warn(
              "listener {} threw in {}; ignored, and further throws of it in {} are not logged",
              listener.getClass().getName(),
              kind,
              kind,
              e);
        }
      }
    }
  }
}
