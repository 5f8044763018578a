// esbuild options shared by the host's command bundle (packages/host/scripts/bundle-cli.mjs) and
// the first-party plugin bundles (scripts/bundle-plugin.mjs): Node 20 ES modules, split into
// lazily loaded chunks. Linked source maps, chained through tsc's, point stack traces at src/*.ts
// when Node runs with --enable-source-maps (docs/operators.md); without that flag Node never
// reads them.
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  sourcemap: "linked",
  sourcesContent: false,
};
