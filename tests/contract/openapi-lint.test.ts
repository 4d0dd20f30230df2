// The OpenAPI document (the one /api/v1/openapi.json serves, built in Node from the same app) passes
// Redocly's recommended rules with no error. Runs in Node: Redocly does not load inside workerd.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../worker/app';

describe('API contract: the OpenAPI document', () => {
  it('S4: passes Redocly’s recommended lint without errors (OpenAPI 3.1)', async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('a broken document fails the same lint (the check can fail)', async () => {
    const doc = openApiDocument();
    const broken = { ...doc, paths: { '/x': { get: { responses: { 200: { $ref: '#/nope' } } } } } };
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(broken),
      absoluteRef: 'openapi.json',
      config,
    });
    expect(problems.some((p) => p.severity === 'error')).toBe(true);
  }, 60_000);
});
