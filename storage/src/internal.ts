// Sibling packages import this entry; today it is the public surface.
export * from './index.js'
