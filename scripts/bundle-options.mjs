// esbuild options shared by the host's command bundle (packages/host/scripts/bundle-cli.mjs) and
// the first-party plugin bundles (scripts/bundle-plugin.mjs): Node 20 ES modules, split into
// lazily loaded chunks. Linked source maps, chained through tsc's, point stack traces at src/*.ts
// when Node runs with --enable-source-maps (docs/operators.md); without that flag Node never
// reads them.
//
// Whitespace and syntax are minified, identifiers are not: V8 scans every byte of a module it
// loads, and compiling the host's and plugins' code was the largest part of a stdio host's cold
// start beyond the SDK's own (bench figure 2). Dropping comments and whitespace cut about 30 %
// of the bytes and about 2 % of the instructions a cold start runs (measured with
// `valgrind --tool=cachegrind`, which counts instructions and so is not thrown off by a noisy
// machine). Names stay, so `error.name`, `new.target.name` and stack frames read as in the source.
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  sourcemap: "linked",
  sourcesContent: false,
  minifyWhitespace: true,
  minifySyntax: true,
};
