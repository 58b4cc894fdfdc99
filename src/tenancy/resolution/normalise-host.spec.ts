import { normaliseHost } from './normalise-host';

describe('normaliseHost', () => {
  it.each([
    ['northwind.localhost', 'northwind.localhost'],
    ['NorthWind.LocalHost', 'northwind.localhost'],
    ['northwind.localhost.', 'northwind.localhost'],
    ['northwind.localhost:3000', 'northwind.localhost'],
    ['Mentoring.Northwind.Example.:8443', 'mentoring.northwind.example'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('matches %s as %s', (raw, expected) => {
    expect(normaliseHost(raw)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['[::1]:3000'],
    ['evil.example:abc'],
    ['a..b'],
    ['has space.example'],
    ['-bad.example'],
    ['x'.repeat(64) + '.example'],
  ])('refuses %s', (raw) => {
    expect(normaliseHost(raw)).toBeNull();
  });
});
