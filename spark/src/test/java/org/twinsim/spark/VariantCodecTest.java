package org.twinsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twinsim.engine.run.Variant;
import org.twinsim.scenarios.ScenarioLoader;
import org.twinsim.scenarios.Sweep;

/** Variants travel to executors as JSON: every catalog scenario, and sweep variants, come back equal. */
class VariantCodecTest {
  @Test
  void everyCatalogScenarioSurvivesItsJsonForm() throws Exception {
    ScenarioLoader loader = new ScenarioLoader();
    List<Variant> all = new ArrayList<>();
    for (String name : ScenarioLoader.catalogNames()) {
      all.add(Variant.base(loader.loadCatalog(name).scenario()));
    }
    all.addAll(Sweep.variants(loader, loader.loadCatalog("capacity-4rooms"),
        List.of(Sweep.axis("clinic.gpuServers=1,2"), Sweep.axis("strategy=digital-twin")), 4));
    List<String> json = VariantCodec.encode(all);
    assertEquals(all.size(), json.size());
    for (int i = 0; i < all.size(); i++) {
      Variant back = VariantCodec.decode(json.get(i));
      assertEquals(all.get(i), back);
      assertEquals(all.get(i).scenario().toString(), back.scenario().toString());
    }
    // a changed field does change the variant (the comparison is not vacuous)
    assertNotEquals(VariantCodec.decode(json.get(json.size() - 1)), VariantCodec.decode(json.get(json.size() - 2)));
  }
}
