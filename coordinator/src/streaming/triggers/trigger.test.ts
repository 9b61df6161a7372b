import { describe, expect, it } from 'vitest'
import { DEFAULT_TRIGGER, parseTrigger } from './trigger.js'

describe('parseTrigger', () => {
  it('should parse every trigger form', () => {
    expect(parseTrigger(undefined)).toEqual(DEFAULT_TRIGGER)
    expect(parseTrigger({})).toEqual({ type: 'ProcessingTime', intervalMs: 0 })
    expect(parseTrigger({ processingTime: '2 minutes' })).toEqual({ type: 'ProcessingTime', intervalMs: 120_000 })
    expect(parseTrigger({ processingTime: '500 ms' })).toEqual({ type: 'ProcessingTime', intervalMs: 500 })
    expect(parseTrigger({ processingTime: 1500 })).toEqual({ type: 'ProcessingTime', intervalMs: 1500 })
    expect(parseTrigger({ once: true })).toEqual({ type: 'Once' })
    expect(parseTrigger({ availableNow: true })).toEqual({ type: 'AvailableNow' })
  })

  it('should refuse continuous processing with a clear AnalysisError', () => {
    expect(() => parseTrigger({ continuous: '1 second' })).toThrow(/UNSUPPORTED_FEATURE.CONTINUOUS_PROCESSING.*Continuous processing .* is not supported yet/)
  })

  it('should refuse two triggers at once, false flags, bad and negative intervals', () => {
    expect(() => parseTrigger({ once: true, availableNow: true })).toThrow(/INVALID_TRIGGER.*Only one trigger can be set, got once, availableNow/)
    expect(() => parseTrigger({ once: false })).toThrow(/Value for once must be True/)
    expect(() => parseTrigger({ processingTime: 'soon' })).toThrow(/INVALID_INTERVAL_FORMAT/)
    expect(() => parseTrigger({ processingTime: -5 })).toThrow(/must be non-negative/)
  })
})
