import assert from 'node:assert/strict';
import { challengeFor, createPkcePair, createState, stateMatches } from '../../../src/auth/pkce';

describe('PKCE and state', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    assert.equal(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers in the RFC alphabet and length, never the same twice', () => {
    const pairs = Array.from({ length: 50 }, () => createPkcePair());
    for (const pair of pairs) {
      assert.match(pair.verifier, /^[A-Za-z0-9\-._~]{43,128}$/);
      assert.equal(pair.challenge, challengeFor(pair.verifier));
      assert.equal(pair.method, 'S256');
    }
    assert.equal(new Set(pairs.map((pair) => pair.verifier)).size, 50);
  });

  it('makes unguessable states and compares them exactly', () => {
    const state = createState();
    assert.ok(state.length >= 22);
    assert.notEqual(createState(), state);
    assert.ok(stateMatches(state, state));
    assert.ok(!stateMatches(state, `${state}x`));
    assert.ok(!stateMatches(state, state.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))));
    assert.ok(!stateMatches(state, null));
    assert.ok(!stateMatches(state, undefined));
  });
});
