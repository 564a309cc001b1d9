package dev.dbq.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API ({@code dev.dbq.runtime}) never shows an internal type: what users and generated code
 * compile against must not change when the internals do.
 */
class ApiSignaturesTest {
  @Test
  void publicSignaturesOfTheApiExposeNoInternalType() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.dbq.runtime")
            .and(EffectivelyPublic.CLASS)
            .should(new ExposeNoInternalType());
    rule.check(LayeringTest.RUNTIME);
  }

  /** Public, and every enclosing class public too. */
  private static final class EffectivelyPublic
      extends com.tngtech.archunit.base.DescribedPredicate<JavaClass> {
    static final EffectivelyPublic CLASS = new EffectivelyPublic();

    EffectivelyPublic() {
      super("are public API");
    }

    @Override
    public boolean test(JavaClass c) {
      for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
        if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final class ExposeNoInternalType extends ArchCondition<JavaClass> {
    ExposeNoInternalType() {
      super("expose no dev.dbq.runtime.internal or dev.dbq.runtime.cli type in a public signature");
    }

    @Override
    public void check(JavaClass c, ConditionEvents events) {
      List<String> leaks = new ArrayList<>();
      c.getRawSuperclass().ifPresent(s -> leak(leaks, "supertype", s));
      c.getRawInterfaces().forEach(i -> leak(leaks, "supertype", i));
      for (JavaField f : c.getFields()) {
        if (visible(f)) {
          leak(leaks, f.getFullName(), f.getType());
        }
      }
      for (JavaCodeUnit u : c.getCodeUnits()) {
        if (!visible(u)) {
          continue;
        }
        leak(leaks, u.getFullName(), u.getReturnType());
        u.getParameterTypes().forEach(t -> leak(leaks, u.getFullName(), t));
        u.getExceptionTypes().forEach(t -> leak(leaks, u.getFullName(), t));
      }
      for (String l : leaks) {
        events.add(SimpleConditionEvent.violated(c, l));
      }
      if (leaks.isEmpty()) {
        events.add(SimpleConditionEvent.satisfied(c, c.getName() + " shows no internal type"));
      }
    }

    private static boolean visible(JavaMember m) {
      Set<JavaModifier> mods = m.getModifiers();
      return (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
          && !mods.contains(JavaModifier.SYNTHETIC);
    }

    /** Records a leak for each internal class named anywhere in the type, type arguments too. */
    private static void leak(List<String> leaks, String where, JavaType type) {
      for (JavaClass named : type.getAllInvolvedRawTypes()) {
        String pkg = named.getPackageName();
        if (pkg.startsWith("dev.dbq.runtime.internal") || pkg.startsWith("dev.dbq.runtime.cli")) {
          leaks.add(where + " shows " + named.getName());
        }
      }
    }
  }
}
