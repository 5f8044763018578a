/**
 * A plugin's own config section (`plugins[].config` in the host config), validated by the host
 * against the plugin's `manifest.configSchema` before `onRegister` is called.
 */
export type IOctopusConfig<T extends object = Readonly<Record<string, unknown>>> = Readonly<T>;
