export * from './session-config.js'
