import { createHash, randomBytes } from 'node:crypto';

/**
 * PKCE (RFC 7636) with S256, and the `state` that ties a redirect to the request that caused it.
 * No `vscode` import: unit-tested in plain Node.
 */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes → 43 base64url characters: inside RFC 7636's 43–128 and its alphabet. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: challengeFor(verifier), method: 'S256' };
}

export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable `state`: 128 bits. */
export function createState(): string {
  return randomBytes(16).toString('base64url');
}

/** Compares states in constant time (a timing leak would help forge a redirect). */
export function stateMatches(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string' || received.length !== expected.length) {
    return false;
  }
  let difference = 0;
  for (let index = 0; index < expected.length; index++) {
    difference |= expected.charCodeAt(index) ^ received.charCodeAt(index);
  }
  return difference === 0;
}
