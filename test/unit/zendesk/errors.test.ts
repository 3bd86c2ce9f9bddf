import assert from 'node:assert/strict';
import { ZendeskError, describeDetails, detailsHaveCode, parseErrorBody } from '../../../src/zendesk/errors';

describe('parseErrorBody', () => {
  it('reads the classic envelope with validation details', () => {
    const parsed = parseErrorBody(JSON.stringify({
      error: 'RecordInvalid', description: 'Record validation errors',
      details: { organization: [{ description: 'Organization cannot be blank', error: 'BlankValue' }] },
    }), 'application/json');
    assert.equal(parsed.code, 'RecordInvalid');
    assert.equal(parsed.description, 'Record validation errors');
    assert.deepEqual(describeDetails(parsed.details), ['Organization cannot be blank']);
    assert.ok(detailsHaveCode(parsed.details, 'BlankValue'));
    assert.ok(!detailsHaveCode(parsed.details, 'DuplicateValue'));
  });

  it('reads the JSON:API envelope', () => {
    const parsed = parseErrorBody(JSON.stringify({ errors: [{ code: 'InvalidPaginationDepth', title: 'Too deep', detail: 'Use cursor pagination' }] }), 'application/json');
    assert.equal(parsed.code, 'InvalidPaginationDepth');
    assert.equal(parsed.title, 'Too deep');
    assert.equal(parsed.description, 'Use cursor pagination');
  });

  it('reads a nested error object', () => {
    const parsed = parseErrorBody('{"error":{"title":"Forbidden","message":"You do not have access"}}', 'application/json');
    assert.equal(parsed.code, 'Forbidden');
    assert.equal(parsed.description, 'You do not have access');
  });

  it('reads an HTML error page by its title without crashing', () => {
    const parsed = parseErrorBody('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>oops</h1></body></html>', 'text/html');
    assert.equal(parsed.description, '502 Bad Gateway');
    assert.equal(parsed.code, undefined);
  });

  it('reads plain text and empty bodies', () => {
    assert.equal(parseErrorBody('  Service   Unavailable\n', 'text/plain').description, 'Service Unavailable');
    assert.deepEqual(parseErrorBody('', null), {});
    assert.equal(parseErrorBody('{"broken":', 'application/json').description, '{"broken":');
  });
});

describe('ZendeskError', () => {
  it('builds a message a person can act on, with status, code and request', () => {
    const error = new ZendeskError({ status: 404, code: 'RecordNotFound', description: 'Not found', method: 'GET', path: '/api/v2/organizations/9' });
    assert.equal(error.message, 'Not found (HTTP 404 RecordNotFound) — GET /api/v2/organizations/9');
    assert.equal(error.name, 'ZendeskError');
  });

  it('prefers the details over the generic description', () => {
    const error = new ZendeskError({ status: 422, code: 'RecordInvalid', description: 'Record validation errors', details: { user: [{ description: 'User cannot be blank', error: 'BlankValue' }] } });
    assert.match(error.message, /^User cannot be blank \(HTTP 422 RecordInvalid\)/);
  });

  it('keeps every field when the message is replaced', () => {
    const error = new ZendeskError({ status: 422, code: 'RecordInvalid', retryAfter: 3, afterUncertainAttempt: true }).withMessage('clearer');
    assert.equal(error.message, 'clearer');
    assert.equal(error.status, 422);
    assert.equal(error.retryAfter, 3);
    assert.equal(error.afterUncertainAttempt, true);
  });
});
