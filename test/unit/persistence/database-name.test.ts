import { describe, expect, it } from 'vitest';
import { databaseNameOf } from '../../../src/persistence/mongo.js';

describe('databaseNameOf', () => {
  it.each([
    ['mongodb://mongo:27017/duban', 'duban'],
    ['mongodb://user:p%40ss@h1:27017,h2:27017/duban_prod?authSource=admin', 'duban_prod'],
    ['mongodb+srv://cluster.example.net/county_office?retryWrites=true', 'county_office'],
    ['mongodb://mongo:27017', undefined],
    ['mongodb://mongo:27017/', undefined],
    ['mongodb://mongo:27017/?directConnection=true', undefined],
  ])('%s → %s', (uri, name) => {
    expect(databaseNameOf(uri)).toBe(name);
  });
});
