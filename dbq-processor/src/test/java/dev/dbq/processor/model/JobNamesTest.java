package dev.dbq.processor.model;

import static com.google.common.truth.Truth.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class JobNamesTest {

  @Test
  void builderMethodIsLowerCamelCaseOfTheJobName() {
    assertThat(JobNames.builderMethod("import_cats")).isEqualTo("importCats");
    assertThat(JobNames.builderMethod("send-digest")).isEqualTo("sendDigest");
    assertThat(JobNames.builderMethod("report.build.v2")).isEqualTo("reportBuildV2");
    assertThat(JobNames.builderMethod("ImportCats")).isEqualTo("importCats");
    assertThat(JobNames.builderMethod("HTTP_get")).isEqualTo("httpGet");
    assertThat(JobNames.builderMethod("a__b")).isEqualTo("aB");
    assertThat(JobNames.builderMethod("job_2")).isEqualTo("job2");
  }

  @Test
  void keywordsCatalogAndObjectMethodsAreReserved() {
    assertThat(JobNames.reservedBecause("hashCode", Set.of("hashCode")))
        .isEqualTo("a method every class inherits from java.lang.Object");
    assertThat(JobNames.reservedBecause("new", Set.of("hashCode"))).isEqualTo("a Java keyword");
    assertThat(JobNames.reservedBecause("catalog", Set.of("hashCode")))
        .isEqualTo("reserved for Jobs.catalog()");
    assertThat(JobNames.reservedBecause("importCats", Set.of("hashCode"))).isNull();
  }

  @Test
  void builderClassIsTheCapitalizedMethodName() {
    assertThat(JobNames.builderClass("importCats")).isEqualTo("ImportCatsBuilder");
  }
}
