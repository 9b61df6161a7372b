export * from './window.js'
