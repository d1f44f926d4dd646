export const PLUGIN_ID = 'minyi';
