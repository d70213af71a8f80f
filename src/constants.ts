import pluginJson from './plugin.json';

/** Base URL of the app's pages inside Grafana. */
export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;
