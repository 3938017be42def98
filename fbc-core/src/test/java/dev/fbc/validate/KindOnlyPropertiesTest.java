package dev.fbc.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.internal.io.CatalogLoader;
import dev.fbc.model.Property;
import org.junit.jupiter.api.Test;

/**
 * The property types whose values the validation load skips are the ones the checks read no further than their
 * kind: adding a field check to such a type must take it out of the loader's list.
 */
class KindOnlyPropertiesTest {
  @Test
  void theLoaderSkipsOnlyTypesTheChecksReadByKind() {
    assertThat(CatalogLoader.KIND_ONLY_FOR_VALIDATION).isNotEmpty()
        .allSatisfy(type -> assertThat(PropertyChecks.readsKindOnly(type)).as(type).isTrue());
  }

  @Test
  void typesWithCheckedFieldsAreReadInFull() {
    for (String type : new String[] {Property.PACKAGE, Property.PACKAGE_REQUIRED, Property.GVK,
        Property.GVK_REQUIRED, Property.BUNDLE_OBJECT}) {
      assertThat(PropertyChecks.readsKindOnly(type)).as(type).isFalse();
      assertThat(CatalogLoader.KIND_ONLY_FOR_VALIDATION).doesNotContain(type);
    }
    assertThat(PropertyChecks.readsKindOnly("olm.some.other")).isFalse();
  }
}
