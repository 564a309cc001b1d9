package dev.dbq.processor.validation;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void suggestsTheClosestKnownName() {
    assertThat(Suggestions.closest("import_cat", List.of("import_cats", "export_cats", "mail")))
        .isEqualTo("import_cats");
  }

  @Test
  void suggestsNothingWhenNoNameIsClose() {
    assertThat(Suggestions.closest("send_digest", List.of("import_cats"))).isNull();
  }

  @Test
  void neverSuggestsTheSameName() {
    assertThat(Suggestions.closest("mail", List.of("mail"))).isNull();
  }

  @Test
  void distanceIsLevenshtein() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isEqualTo(0);
  }
}
