import assert from 'node:assert/strict';
import { API_TOKENS_END, apiTokenSunset } from '../../../src/auth/apiTokenSunset';

describe('API token sunset', () => {
  const at = (iso: string) => apiTokenSunset(Date.parse(iso));

  it('is only a note while the end is far', () => {
    assert.deepEqual(at('2026-11-28T12:00:00Z'), { level: 'info', daysLeft: 153 });
  });
  it('warns from 90 days before, urgently from 30, and ends on 2027-04-30', () => {
    assert.equal(at('2027-01-30T00:00:00Z').level, 'warning');
    assert.equal(at('2027-03-30T00:00:00Z').level, 'warning');
    assert.equal(at('2027-03-31T00:00:00Z').level, 'urgent');
    assert.equal(at('2027-04-01T00:00:00Z').level, 'urgent');
    assert.deepEqual(at('2027-04-29T23:59:59Z'), { level: 'urgent', daysLeft: 1 });
    assert.deepEqual(apiTokenSunset(API_TOKENS_END), { level: 'ended', daysLeft: 0 });
    assert.equal(at('2028-01-01T00:00:00Z').level, 'ended');
  });
});
