export * from './duration.js'
export * from './clock.js'
