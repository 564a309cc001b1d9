package dev.dbq.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dashboard is a view over the runtime's public API: no SQL, no runtime internals. */
class LayeringTest {
  private static final JavaClasses DASHBOARD =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.dbq.dashboard");

  @Test
  void theDashboardUsesNoRuntimeInternals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.dbq.runtime.internal..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("dev.dbq.runtime.cli..")
        .because("the dashboard depends on the runtime's API only")
        .check(DASHBOARD);
  }

  @Test
  void theDashboardHasNoSqlOfItsOwn() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("javax.sql..")
        .because("every read and action is a call of the runtime's API")
        .check(DASHBOARD);
  }

  @Test
  void theApiDoesNotExposeTheServletApiBeyondTheServlet() {
    noClasses()
        .that()
        .doNotHaveSimpleName("DashboardServlet")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.servlet..")
        .because("the handler is framework-free; only its servlet adapter needs a container")
        .check(DASHBOARD);
  }
}
