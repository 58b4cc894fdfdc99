import { sanitiseSvg } from './svg-sanitiser';

const FILE = 'acme/assets/logo.svg';

/** A clean logo with `line` inserted as its third line. */
function logoWith(line: string): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
    '  <circle cx="16" cy="16" r="14" fill="#1a5fb4"/>',
    `  ${line}`,
    '</svg>',
  ].join('\n');
}

describe('sanitiseSvg', () => {
  it('rejects <script> with its line', () => {
    const { problems } = sanitiseSvg(logoWith('<script>alert(document.cookie)</script>'), FILE);
    expect(problems).toEqual([
      { file: FILE, at: 'line 3', message: expect.stringContaining('<script> is not allowed') },
    ]);
  });

  it('rejects an onload handler with its line', () => {
    const { problems } = sanitiseSvg(
      logoWith('<rect width="4" height="4" onload="alert(1)"/>'),
      FILE,
    );
    expect(problems).toEqual([
      { file: FILE, at: 'line 3', message: expect.stringContaining('onload') },
    ]);
  });

  it('rejects an event handler attribute on the line where the attribute is', () => {
    const source =
      '<svg xmlns="http://www.w3.org/2000/svg"\n  width="10"\n  onclick="x()">\n</svg>';
    expect(sanitiseSvg(source, FILE).problems).toEqual([
      { file: FILE, at: 'line 3', message: expect.stringContaining('onclick') },
    ]);
  });

  it('rejects <foreignObject> and drops everything inside it', () => {
    const { svg, problems } = sanitiseSvg(
      logoWith('<foreignObject><iframe src="https://evil.example"/></foreignObject>'),
      FILE,
    );
    expect(problems).toEqual([
      {
        file: FILE,
        at: 'line 3',
        message: expect.stringContaining('<foreignObject> is not allowed'),
      },
    ]);
    expect(svg.toString()).not.toContain('iframe');
  });

  it('rejects a javascript: href, even with a tab hidden in the scheme', () => {
    const { problems } = sanitiseSvg(logoWith('<use href="java&#x09;script:alert(1)"/>'), FILE);
    expect(problems).toEqual([
      { file: FILE, at: 'line 3', message: expect.stringContaining('javascript: URL') },
    ]);
  });

  it('rejects an external href', () => {
    const { problems } = sanitiseSvg(
      logoWith('<use xlink:href="https://evil.example/sprite.svg#logo"/>'),
      FILE,
    );
    expect(problems).toEqual([
      { file: FILE, at: 'line 3', message: expect.stringContaining('external URL') },
    ]);
  });

  it('rejects an href that is neither external nor a local fragment', () => {
    const { problems } = sanitiseSvg(logoWith('<use href="sprite.svg#logo"/>'), FILE);
    expect(problems[0]).toMatchObject({
      at: 'line 3',
      message: expect.stringContaining('#fragment'),
    });
  });

  it('rejects external and data: URLs inside presentation attributes', () => {
    const { problems } = sanitiseSvg(
      logoWith('<rect fill="url(https://evil.example/p.svg#g)" stroke="url(data:x)"/>'),
      FILE,
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('fill on <rect> contains an external URL'),
      expect.stringContaining('stroke on <rect> contains a data: URL'),
    ]);
  });

  it('rejects a DOCTYPE declaring an ENTITY, with its line', () => {
    const source = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE svg [ <!ENTITY lol "lollollol"> ]>',
      '<svg xmlns="http://www.w3.org/2000/svg"><text>&lol;</text></svg>',
    ].join('\n');
    expect(sanitiseSvg(source, FILE).problems).toEqual([
      { file: FILE, at: 'line 2', message: expect.stringContaining('ENTITY') },
    ]);
  });

  it('rejects <style>, style attributes and processing instructions', () => {
    const source = [
      '<?xml-stylesheet href="https://evil.example/x.css"?>',
      '<svg xmlns="http://www.w3.org/2000/svg" style="fill:red">',
      '  <style>@import url(https://evil.example/x.css);</style>',
      '</svg>',
    ].join('\n');
    expect(sanitiseSvg(source, FILE).problems.map((p) => [p.at, p.message])).toEqual([
      ['line 1', expect.stringContaining('processing instruction')],
      ['line 2', expect.stringContaining('style attribute')],
      ['line 3', expect.stringContaining('<style> is not allowed')],
    ]);
  });

  it('rejects elements and attributes that are not on the allowlist', () => {
    const { problems } = sanitiseSvg(
      logoWith(
        '<image href="#a"/><animate attributeName="href" to="javascript:x"/><g filter="x"/>',
      ),
      FILE,
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('<image> is not on the SVG allowlist'),
      expect.stringContaining('<animate> is not on the SVG allowlist'),
      expect.stringContaining('filter on <g> is not on the SVG allowlist'),
    ]);
  });

  it('rejects a document whose root is not <svg>', () => {
    expect(sanitiseSvg('<html><body/></html>', FILE).problems[0].message).toContain(
      'root element must be <svg>',
    );
    expect(sanitiseSvg('just text', FILE).problems[0].message).toContain('no <svg> root');
  });

  it('passes a clean logo and re-serialises it so a second pass is identical', () => {
    const source = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!-- exported by a drawing tool -->',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 16">',
      '  <title>Acme &amp; Co "Ltd"</title>',
      '  <defs><linearGradient id="g"><stop offset="0" stop-color="#123456"/></linearGradient></defs>',
      '  <path d="M0 0 L8 8 Z" fill="url(#g)" transform="rotate(45 8 8)"/>',
      '  <use xlink:href="#g"/>',
      '</svg>',
    ].join('\n');
    const first = sanitiseSvg(source, FILE);
    expect(first.problems).toEqual([]);
    const out = first.svg.toString('utf8');
    expect(out).toContain('<title>Acme &amp; Co "Ltd"</title>');
    expect(out).toContain('fill="url(#g)"');
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('<?xml');
    const second = sanitiseSvg(first.svg, FILE);
    expect(second.problems).toEqual([]);
    expect(second.svg.equals(first.svg)).toBe(true);
  });

  it('escapes attribute values when re-serialising', () => {
    const { svg, problems } = sanitiseSvg(
      '<svg xmlns="http://www.w3.org/2000/svg"><rect id="a&quot;&gt;&lt;b"/></svg>',
      FILE,
    );
    expect(problems).toEqual([]);
    expect(svg.toString()).toContain('id="a&quot;&gt;&lt;b"');
  });

  it('adds the SVG namespace when the source omits it', () => {
    const { svg } = sanitiseSvg('<svg viewBox="0 0 1 1"><rect/></svg>', FILE);
    expect(svg.toString()).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect/></svg>',
    );
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(sanitiseSvg(Buffer.from([0x3c, 0xff, 0xfe]), FILE).problems[0].message).toContain(
      'UTF-8',
    );
  });
});
