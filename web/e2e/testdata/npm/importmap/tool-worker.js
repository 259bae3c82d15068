// A worker of the tool's own (TestPackageImportMap): it keeps the sample
// and answers with what it counts there. Workers do not see the page's
// import map, so it imports the package by path.
import { serve } from "/node_modules/@apigexport/engine/serve.js";

serve(async (module) => {
  const sample = await module.sample();
  return {
    apis: async () => (await module.inspect([sample])).apis.length,
    refuse: () => {
      throw Object.assign(new Error("nothing is kept"), { field: "bundle" });
    },
  };
});
