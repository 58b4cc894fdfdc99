import { safeNext } from './safe-next';

describe('safeNext', () => {
  it.each(['/account', '/mentors?page=2', '/about#faq'])('keeps the local path %s', (next) => {
    expect(safeNext(next)).toBe(next);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n'),
    '',
    undefined,
    ['/', '/x'],
    'account',
  ])('refuses %p', (next) => {
    expect(safeNext(next)).toBe('/account');
  });
});
