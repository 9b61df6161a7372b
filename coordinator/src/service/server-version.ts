/** The version of Sluice this coordinator runs (the workspace packages' version), reported by CreateSession. */
export const SERVER_VERSION = '0.1.0'
