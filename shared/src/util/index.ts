export * from './duration.js'
